/**
 * Findings where they belong: the live evaluation is shared through context, and each part
 * of the editor shows the findings whose path falls under it, with the sentence, the fix and
 * the references the finding rests on.
 */
import { Alert, Anchor, Badge, Group, List, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext } from "react";
import { api } from "../api.ts";
import type { LiveResult } from "../live.ts";
import type { PresentedFinding, ReferenceInfo, ReferenceList } from "../types.ts";
import { placeLabel } from "../words.ts";

const LiveContext = createContext<LiveResult | null>(null);

export function LiveProvider({ value, children }: { value: LiveResult; children: ReactNode }) {
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): LiveResult | null {
  return useContext(LiveContext);
}

/** True when `path` is `at` or lies inside it. */
export function under(path: string, at: string): boolean {
  return path === at || path.startsWith(`${at}.`) || path.startsWith(`${at}[`);
}

const COLOR = { blocker: "red", warning: "yellow", info: "blue" } as const;

export function useReferences(): Map<string, ReferenceInfo> {
  const { data } = useQuery({
    queryKey: ["references"],
    queryFn: () => api.get<ReferenceList>("/api/references"),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return new Map((data?.references ?? []).map((r) => [r.id, r]));
}

export function FindingCard({ f, showPath }: { f: PresentedFinding; showPath?: boolean }) {
  const refs = useReferences();
  const live = useLive();
  return (
    <Alert
      color={COLOR[f.severity]}
      variant="light"
      p="xs"
      data-finding={f.code}
      data-finding-path={f.path}
      data-severity={f.severity}
      title={
        <Group gap={6} wrap="wrap">
          <Badge color={COLOR[f.severity]} size="xs" variant="filled">
            {f.severity}
          </Badge>
          <Text size="sm" fw={600} component="span">
            {f.title}
          </Text>
        </Group>
      }
    >
      <Stack gap={4}>
        <Text size="sm" className="wrap-anywhere">
          {f.message}
        </Text>
        {f.fix && (
          <Text size="sm" c="dark.6">
            <strong>Fix:</strong> {f.fix}
          </Text>
        )}
        <Group gap={6} wrap="wrap">
          {showPath && (
            <Text size="xs" c="dimmed">
              {placeLabel(f.path, live?.document)}
            </Text>
          )}
          {f.refs.map((id) => {
            const r = refs.get(id);
            return r?.url ? (
              <Anchor key={id} href={r.url} target="_blank" rel="noreferrer" size="xs">
                {r.title}
              </Anchor>
            ) : (
              <Text key={id} size="xs" c="dimmed">
                {r?.title ?? id}
              </Text>
            );
          })}
        </Group>
        <details className="finding-code">
          <summary>Rule code</summary>
          <code>{f.code}</code>
        </details>
      </Stack>
    </Alert>
  );
}

/** A place of the draft, as the findings name it (a `Lens` of `lens.ts`). */
export interface Place {
  readonly where: string;
}

/** The live findings and schema problems at or under a place, beside the answers they concern. */
export function Findings({ at, exact = false }: { at: Place; exact?: boolean }) {
  const live = useLive();
  if (!live) return null;
  const match = (p: string) => (exact ? p === at.where : under(p, at.where));
  const issues = live.issues.filter((i) => match(i.path));
  const findings = live.findings.filter((f) => match(f.path));
  if (issues.length === 0 && findings.length === 0) return null;
  return (
    <Stack gap={6} aria-live="polite">
      {issues.length > 0 && (
        <Alert color="red" variant="outline" p="xs" title="Not valid yet">
          <List size="sm">
            {issues.map((i) => (
              <List.Item key={`${i.path}:${i.message}`}>
                {exact ? i.message : `${placeLabel(i.path)}: ${i.message}`}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {findings.map((f) => (
        <FindingCard key={`${f.code}@${f.path}`} f={f} />
      ))}
    </Stack>
  );
}
