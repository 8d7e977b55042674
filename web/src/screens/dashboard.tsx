/**
 * The DPO's first screen: activities by basis and by outcome, the open blockers, reviews due
 * in the next 90 days on a timeline, the open DPIA measures by due date, and what changed
 * recently.
 */
import {
  Anchor,
  Card,
  Center,
  Group,
  List,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import { type BASIS_LABELS, OUTCOME_LABELS } from "../../../src/render/labels.ts";
import { api } from "../api.ts";
import { BarChart, ReviewTimeline } from "../components/charts.tsx";
import { OUTCOME_COLOR, OutcomeBadge } from "../components/outcome.tsx";
import { useReviews } from "../components/review-needed.tsx";
import { DpiaMeasuresCard } from "../dpia/measures-card.tsx";
import type { DashboardData } from "../types.ts";

/** Chart labels: the article is in the register; the bar needs the word. */
const BASIS_SHORT: Record<keyof typeof BASIS_LABELS, string> = {
  consent: "Consent (a)",
  contract: "Contract (b)",
  "legal-obligation": "Legal obligation (c)",
  "vital-interests": "Vital interests (d)",
  "public-task": "Public task (e)",
  "legitimate-interests": "Legitimate interests (f)",
  "recognised-legitimate-interest": "Recognised LI (UK, ea)",
};

const MANTINE_HEX: Record<string, string> = {
  green: "#2f9e44",
  teal: "#0c8599",
  red: "#e03131",
  orange: "#f76707",
};

export default function Dashboard() {
  const { data, error } = useQuery({
    queryKey: ["register", "dashboard"],
    queryFn: () => api.get<DashboardData>("/api/dashboard"),
  });
  const reviews = useReviews();
  if (error) return <Text c="red">{(error as Error).message}</Text>;
  if (!data)
    return (
      <Center p="xl">
        <Loader role="status" aria-label="Loading the dashboard" />
      </Center>
    );
  return (
    <Stack>
      <Title order={2}>Dashboard</Title>
      <Text c="dimmed">
        {data.total} processing activities · {data.blocked.total} with open blockers ·{" "}
        {data.reviews.total} reviews due within {data.days} days ({data.reviews.overdue} overdue)
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={3} size="h4" mb="sm">
            By lawful basis
          </Title>
          <BarChart
            title="Activities by lawful basis"
            bars={data.byBasis.map((b) => ({
              label: BASIS_SHORT[b.basis],
              value: b.count,
              color: "#4c6ef5",
            }))}
          />
        </Card>
        <Card withBorder>
          <Title order={3} size="h4" mb="sm">
            By outcome
          </Title>
          <BarChart
            title="Activities by outcome"
            bars={data.byOutcome.map((o) => ({
              label: OUTCOME_LABELS[o.outcome],
              value: o.count,
              color: MANTINE_HEX[OUTCOME_COLOR[o.outcome]] ?? "#868e96",
            }))}
          />
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={3} size="h4" mb="sm">
          Reviews due in the next {data.days} days
        </Title>
        <ReviewTimeline
          today={data.today}
          days={data.days}
          items={data.reviews.items
            .filter((i) => i.nextReview)
            .map((i) => ({ slug: i.slug, name: i.name, date: i.nextReview as string }))}
        />
        <List size="sm" mt="sm">
          {data.reviews.items.slice(0, 12).map((i) => (
            <List.Item key={i.slug}>
              <Anchor component={Link} href={`/activities/${i.slug}`}>
                {i.name}
              </Anchor>{" "}
              — {i.nextReview}
              {i.nextReview && i.nextReview < data.today ? " (overdue)" : ""}
            </List.Item>
          ))}
        </List>
      </Card>
      <DpiaMeasuresCard />
      {(reviews.data?.reviewNeeded.length ?? 0) > 0 && (
        <Card withBorder>
          <Title order={3} size="h4" mb="sm">
            Review needed before its date
          </Title>
          <Stack gap={6}>
            {reviews.data?.reviewNeeded.map((i) => (
              <Text key={i.id} size="sm">
                <Anchor component={Link} href={`/activities/${i.slug}/sign-off`}>
                  {i.title}
                </Anchor>
                : {(i.triggers ?? []).map((t) => t.reason).join("; ")}
              </Text>
            ))}
          </Stack>
        </Card>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={3} size="h4" mb="sm">
            Open blockers
          </Title>
          {data.blocked.items.length === 0 && <Text c="dimmed">None.</Text>}
          <Stack gap={6}>
            {data.blocked.items.map((i) => (
              <Group key={i.slug} justify="space-between" wrap="nowrap">
                <Anchor
                  component={Link}
                  href={`/activities/${i.slug}/findings`}
                  className="wrap-anywhere"
                >
                  {i.name}
                </Anchor>
                <Text size="sm" c="red.8">
                  {i.blockers} blocker{i.blockers === 1 ? "" : "s"}
                </Text>
              </Group>
            ))}
          </Stack>
        </Card>
        <Card withBorder>
          <Title order={3} size="h4" mb="sm">
            Recently changed
          </Title>
          <Stack gap={6}>
            {data.recent.map((i) => (
              <Group key={i.slug} justify="space-between" wrap="nowrap">
                <Anchor component={Link} href={`/activities/${i.slug}`} className="wrap-anywhere">
                  {i.name}
                </Anchor>
                <OutcomeBadge outcome={i.outcome} size="sm" />
              </Group>
            ))}
          </Stack>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
