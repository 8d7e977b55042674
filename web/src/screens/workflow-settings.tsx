/**
 * Organisation settings for the team workflow (admins): which roles must approve before an
 * assessment is approved, whether the author of a version may approve it, and how long the controller has to answer an Art. 21 objection.
 */
import {
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ROLE_LABELS } from "../../../src/render/labels.ts";
import { api } from "../api.ts";
import type { ObjectionSettings, RequiredRoles } from "../types.ts";

export function WorkflowSettings() {
  const queryClient = useQueryClient();
  const signOff = useQuery({
    queryKey: ["settings", "sign-off"],
    queryFn: () => api.get<RequiredRoles>("/api/settings/sign-off"),
  });
  const objections = useQuery({
    queryKey: ["settings", "objections"],
    queryFn: () => api.get<ObjectionSettings>("/api/settings/objections"),
  });
  const [roles, setRoles] = useState<string[]>([]);
  const [segregate, setSegregate] = useState(true);
  const [days, setDays] = useState<number | "">("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    setRoles(signOff.data?.requiredRoles ?? []);
    setSegregate(signOff.data?.segregateDuties ?? true);
  }, [signOff.data]);
  useEffect(() => setDays(objections.data?.responseDays ?? ""), [objections.data]);
  const save = async () => {
    setMessage(null);
    try {
      await api.put("/api/settings/sign-off", { requiredRoles: roles, segregateDuties: segregate });
      await api.put("/api/settings/objections", { responseDays: days === "" ? null : days });
      await queryClient.invalidateQueries({ queryKey: ["settings"] });
      setMessage({ ok: true, text: "Saved." });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <Stack component="section" aria-labelledby="workflow-settings">
      <Title order={3} size="h4" id="workflow-settings">
        Sign-off and objections
      </Title>
      <MultiSelect
        label="Roles that must approve an assessment"
        data={Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }))}
        value={roles}
        onChange={setRoles}
      />
      <Checkbox
        label="The author of a version may not approve it"
        description="Segregation of duties: whoever saved the version under review needs another approver. Turn off only where one person does both."
        checked={segregate}
        onChange={(e) => setSegregate(e.currentTarget.checked)}
      />
      <NumberInput
        label="Days to answer an objection"
        description="Leave empty for one calendar month (Art. 12(3))."
        min={1}
        max={92}
        allowDecimal={false}
        value={days}
        onChange={(v) => setDays(typeof v === "number" ? v : "")}
        w={{ base: "100%", sm: 320 }}
      />
      <Group>
        <Button onClick={() => void save()} disabled={roles.length === 0}>
          Save settings
        </Button>
        {roles.length === 0 && <Text size="sm">Choose at least one role.</Text>}
      </Group>
      {message && (
        <Alert color={message.ok ? "green" : "red"} role="status">
          {message.text}
        </Alert>
      )}
    </Stack>
  );
}
