/** Every finding of the live evaluation, blockers first, with the part of the file each is about. */
import { Alert, SegmentedControl, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { FindingCard, useLive } from "../components/findings.tsx";
import { placeLabel } from "../words.ts";

export function FindingsTab() {
  const live = useLive();
  const [severity, setSeverity] = useState("all");
  if (!live) return null;
  const shown = live.findings.filter((f) => severity === "all" || f.severity === severity);
  return (
    <Stack>
      {live.issues.length > 0 && (
        <Alert color="red" title="The draft is not valid yet">
          {live.issues.map((i) => (
            <Text key={`${i.path}:${i.message}`} size="sm">
              {placeLabel(i.path)}: {i.message}
            </Text>
          ))}
        </Alert>
      )}
      <SegmentedControl
        aria-label="Severity"
        value={severity}
        onChange={setSeverity}
        data={[
          { value: "all", label: `All (${live.findings.length})` },
          { value: "blocker", label: "Blockers" },
          { value: "warning", label: "Warnings" },
          { value: "info", label: "Notes" },
        ]}
      />
      {shown.length === 0 && <Text c="dimmed">No findings here.</Text>}
      {shown.map((f) => (
        <FindingCard key={`${f.code}@${f.path}`} f={f} showPath />
      ))}
    </Stack>
  );
}
