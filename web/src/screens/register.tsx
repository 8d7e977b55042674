/**
 * The register of processing activities (Art. 30): search, filters (basis, outcome, review
 * due, special-category data, children), sorting and pages, served by the API so it stays
 * fast on a register of thousands: the next and previous page are asked by the cursors the
 * page came with (read from the index at that row, without counting again), a page further
 * away by its number. New activities start from a template or from scratch. The view on
 * screen (search, filters and sort, every page of it) downloads as the Art. 30 record in CSV
 * or XLSX, or as the register's lawful-basis assessment in PDF.
 */
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Pagination,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { useDebouncedValue, useDisclosure } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "wouter";
import { addDays } from "../../../src/core/dates.ts";
import { type RegisterFileKind, registerFileName } from "../../../src/core/file-names.ts";
import { BASIS_LABELS, OUTCOME_LABELS } from "../../../src/render/labels.ts";
import { api, qs } from "../api.ts";
import { OutcomeBadge } from "../components/outcome.tsx";
import { pagerLength } from "../pager.ts";
import { queryClient } from "../query-client.ts";
import { signedInAtLoad, useCan } from "../session.tsx";
import { todayIso } from "../today.ts";
import type { Page, RegisterRow } from "../types.ts";
import { NewActivityDialog } from "./new-activity.tsx";

const SORTS = {
  updated: "Recently changed",
  title: "Title",
  "next-review": "Next review",
  outcome: "Outcome",
};
const DUE = { "": "Any time", overdue: "Overdue", "30": "Within 30 days", "90": "Within 90 days" };

/** The downloads of the view: the Art. 30 record as a spreadsheet, the register's assessment as PDF. */
const EXPORTS: {
  label: string;
  title: string;
  kind: RegisterFileKind;
  format: "csv" | "xlsx" | "pdf";
}[] = [
  {
    label: "CSV",
    title: "Record of processing activities (Art. 30), CSV",
    kind: "art30",
    format: "csv",
  },
  {
    label: "XLSX",
    title: "Record of processing activities (Art. 30), Excel workbook",
    kind: "art30",
    format: "xlsx",
  },
  {
    label: "PDF",
    title: "Lawful-basis assessment of these activities, PDF",
    kind: "lawful-basis",
    format: "pdf",
  },
];

/**
 * A column heading the register can be sorted by: a button that sorts by it, and `aria-sort`
 * on the heading of the order in use (both of these orders are ascending). The Activity
 * column is not one: it shows the activity's name, and the Title order is the assessment's.
 */
function SortableTh({
  by,
  sort,
  onSort,
  children,
}: {
  by: keyof typeof SORTS;
  sort: string;
  onSort: (sort: string) => void;
  children: string;
}) {
  const active = sort === by;
  return (
    <Table.Th {...(active ? { "aria-sort": "ascending" as const } : {})}>
      <UnstyledButton
        onClick={() => onSort(by)}
        fw={700}
        fz="sm"
        title={active ? `Sorted by ${children.toLowerCase()}` : `Sort by ${children.toLowerCase()}`}
      >
        {children}
        <span aria-hidden="true">{active ? " ▲" : ""}</span>
      </UnstyledButton>
    </Table.Th>
  );
}

/** What the register shows: the search, the filters and the order. */
interface View {
  q: string;
  basis: string | null;
  outcome: string | null;
  reviewDueBefore: string | undefined;
  specialCategory: "true" | undefined;
  children: "true" | undefined;
  sort: string;
}

/** The page shown, and the cursor it is asked by when it is next to the one before. */
interface At {
  page: number;
  cursor?: string | undefined;
}

/** The register's request for a page of a view (one query key per page of a view). */
function registerQuery(view: View, at: At) {
  const params = {
    ...view,
    ...(at.cursor ? { cursor: at.cursor } : { page: at.page }),
    pageSize: 25,
  };
  return {
    queryKey: ["register", params],
    queryFn: () => api.get<Page<RegisterRow>>(`/api/activities${qs(params)}`),
  };
}

/** The view the register opens on: everything, the most recently changed first. */
const FIRST_VIEW: View = {
  q: "",
  basis: null,
  outcome: null,
  reviewDueBefore: undefined,
  specialCategory: undefined,
  children: undefined,
  sort: "updated",
};

// The first page is asked for as soon as this screen's code has loaded and somebody is signed
// in, while the screen is still being drawn, not after it has been.
void signedInAtLoad.then((principal) => {
  if (principal) void queryClient.prefetchQuery(registerQuery(FIRST_VIEW, { page: 1 }));
});

export default function RegisterScreen() {
  const [q, setQ] = useState(FIRST_VIEW.q);
  const [search] = useDebouncedValue(q, 250);
  const [basis, setBasis] = useState(FIRST_VIEW.basis);
  const [outcome, setOutcome] = useState(FIRST_VIEW.outcome);
  const [due, setDue] = useState<string>("");
  const [special, setSpecial] = useState(false);
  const [children, setChildren] = useState(false);
  const [sort, setSort] = useState(FIRST_VIEW.sort);
  const [at, setAt] = useState<At>({ page: 1 });
  const setPage = (page: number) => setAt({ page });
  const [creating, { open, close }] = useDisclosure(false);
  const canEdit = useCan("editor");
  const today = todayIso();
  const reviewDueBefore =
    due === "" ? undefined : due === "overdue" ? addDays(today, -1) : addDays(today, Number(due));
  const view: View = {
    q: search.trim(),
    basis,
    outcome,
    reviewDueBefore,
    specialCategory: special ? "true" : undefined,
    children: children ? "true" : undefined,
    sort,
  };
  const { sort: _order, ...selection } = view;
  const filtered = Object.values(selection).some((v) => v !== undefined && v !== null && v !== "");
  const exportUrl = (kind: RegisterFileKind, format: string) =>
    kind === "art30"
      ? `/api/register/export${qs({ ...view, format })}`
      : `/api/register/document${qs({ ...view, format, document: kind })}`;
  const { data, isFetching, error } = useQuery({
    ...registerQuery(view, at),
    placeholderData: keepPreviousData,
  });
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  // A page next to the one shown is asked by its cursor; any other by its number.
  const cursorTo = (n: number) =>
    (data && (n === data.page + 1 ? data.next : n === data.page - 1 ? data.prev : null)) ??
    undefined;
  const pages = data ? pagerLength(data) : 1;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Register of processing activities</Title>
        {canEdit && <Button onClick={open}>New activity</Button>}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <TextInput
          label="Search"
          placeholder="Title, activity or id"
          value={q}
          onChange={(e) => reset(setQ)(e.currentTarget.value)}
        />
        <Select
          label="Basis"
          clearable
          data={Object.entries(BASIS_LABELS).map(([value, label]) => ({ value, label }))}
          value={basis}
          onChange={reset(setBasis)}
        />
        <Select
          label="Outcome"
          clearable
          data={Object.entries(OUTCOME_LABELS).map(([value, label]) => ({ value, label }))}
          value={outcome}
          onChange={reset(setOutcome)}
        />
        <Select
          label="Review due"
          data={Object.entries(DUE).map(([value, label]) => ({ value, label }))}
          value={due}
          onChange={(v) => reset(setDue)(v ?? "")}
          allowDeselect={false}
        />
      </SimpleGrid>
      <Group>
        <Checkbox
          label="Special-category data"
          checked={special}
          onChange={(e) => reset(setSpecial)(e.currentTarget.checked)}
        />
        <Checkbox
          label="Children"
          checked={children}
          onChange={(e) => reset(setChildren)(e.currentTarget.checked)}
        />
        <Select
          aria-label="Sort by"
          data={Object.entries(SORTS).map(([value, label]) => ({ value, label }))}
          value={sort}
          onChange={(v) => reset(setSort)(v ?? "updated")}
          allowDeselect={false}
          w={200}
        />
        <Text size="sm" c="dimmed" role="status">
          {error
            ? (error as Error).message
            : data
              ? `${data.totalExact ? "" : "about "}${data.total.toLocaleString("en-GB")} activities${isFetching ? " · updating…" : ""}`
              : "Loading…"}
        </Text>
      </Group>
      <Group gap="xs" role="group" aria-label="Download this view">
        <Text size="sm" c="dimmed">
          {filtered ? "Download the activities shown:" : "Download the register:"}
        </Text>
        {EXPORTS.map((x) => (
          <Button
            key={x.format}
            component="a"
            href={exportUrl(x.kind, x.format)}
            download={registerFileName(x.kind, x.format, today, filtered)}
            variant="default"
            size="xs"
            title={x.title}
            aria-label={`${x.label}: ${x.title}`}
            data-export={x.format}
          >
            {x.label}
          </Button>
        ))}
      </Group>
      <ScrollArea type="auto" viewportProps={{ tabIndex: 0 }}>
        <Table
          striped
          highlightOnHover
          withTableBorder
          miw={760}
          aria-label="Processing activities"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Activity</Table.Th>
              <Table.Th>Basis</Table.Th>
              <SortableTh by="outcome" sort={sort} onSort={reset(setSort)}>
                Outcome
              </SortableTh>
              <Table.Th>Blockers</Table.Th>
              <SortableTh by="next-review" sort={sort} onSort={reset(setSort)}>
                Next review
              </SortableTh>
              <Table.Th>Flags</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.items ?? []).map((row) => (
              <Table.Tr key={row.assessmentId}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    href={`/activities/${row.slug}`}
                    className="wrap-anywhere"
                  >
                    {row.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {row.slug}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {row.bases
                      .map((b) => BASIS_LABELS[b as keyof typeof BASIS_LABELS] ?? b)
                      .join(", ") || "—"}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <OutcomeBadge outcome={row.outcome} size="sm" />
                </Table.Td>
                <Table.Td>{row.blockers}</Table.Td>
                <Table.Td>
                  <Text
                    size="sm"
                    {...(row.nextReview && row.nextReview < today ? { c: "red.8" } : {})}
                  >
                    {row.nextReview ?? "—"}
                    {row.nextReview && row.nextReview < today ? " (overdue)" : ""}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {row.specialCategory && (
                      <Badge size="xs" color="grape">
                        Art. 9
                      </Badge>
                    )}
                    {row.children && (
                      <Badge size="xs" color="cyan">
                        Children
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={at.page}
          onChange={(n) => setAt({ page: n, cursor: cursorTo(n) })}
          getControlProps={(c) => ({ "aria-label": `${c} page` })}
        />
      )}
      <NewActivityDialog opened={creating} onClose={close} />
    </Stack>
  );
}
