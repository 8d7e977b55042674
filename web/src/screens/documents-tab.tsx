/** Downloads of the saved version's documents, in the formats auditors and customers open. */
import { Anchor, List, Stack, Text } from "@mantine/core";
import { type DocumentFormat, documentFileName } from "../../../src/core/file-names.ts";
import type { AssessmentView } from "../types.ts";

const FORMATS: { format: DocumentFormat; label: string }[] = [
  { format: "pdf", label: "PDF" },
  { format: "docx", label: "Word (.docx)" },
  { format: "html", label: "HTML" },
  { format: "md", label: "Markdown" },
];

export function DocumentsTab({ view }: { view: AssessmentView }) {
  const url = (format: string, document: string) =>
    `/api/assessments/${view.id}/document?format=${format}&document=${document}`;
  // Named as the server names it, for browsers that prefer the attribute to the header.
  const name = (format: DocumentFormat, document: string) =>
    documentFileName(view.slug, document, view.version, format);
  const hasLia = Boolean(view.document.lia);
  return (
    <Stack>
      <Text size="sm">Documents are made from the last saved version ({view.version}).</Text>
      {hasLia && (
        <>
          <Text fw={600}>Legitimate Interests Assessment</Text>
          <List>
            {FORMATS.map((f) => (
              <List.Item key={f.format}>
                <Anchor href={url(f.format, "lia")} download={name(f.format, "lia")}>
                  LIA as {f.label}
                </Anchor>
              </List.Item>
            ))}
          </List>
          <Anchor href={url("notice", "lia")} download={name("notice", "lia")}>
            Privacy-notice text (Art. 13(1)(d)) and balancing summary
          </Anchor>
        </>
      )}
      <Text fw={600}>Lawful-basis assessment</Text>
      <List>
        {FORMATS.map((f) => (
          <List.Item key={f.format}>
            <Anchor href={url(f.format, "lawful-basis")} download={name(f.format, "lawful-basis")}>
              Lawful-basis assessment as {f.label}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
