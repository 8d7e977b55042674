/**
 * The signed-in person's account: who they are, and their API tokens. A token is made with a
 * role no higher than their own (the server refuses a higher one), its secret is shown once in
 * a field to copy, and it can be revoked after a confirmation.
 */
import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { hasRole, ROLES, type Role } from "../../../src/core/vocabulary.ts";
import { formatDate } from "../../../src/render/labels.ts";
import { ApiError, api } from "../api.ts";
import { useSession } from "../session.tsx";
import type { ApiTokenInfo, ApiTokenList, NewApiToken } from "../types.ts";

const ROLE_WORDS: Record<Role, string> = {
  viewer: "Viewer: reads the register and documents",
  editor: "Editor: also edits assessments",
  approver: "Approver: also approves",
  admin: "Admin: also users, settings and the audit trail",
};

const day = (timestamp: string) => formatDate(timestamp.slice(0, 10));

export default function AccountScreen() {
  const { principal } = useSession();
  const queryClient = useQueryClient();
  const tokens = useQuery({
    queryKey: ["tokens"],
    queryFn: () => api.get<ApiTokenList>("/api/tokens"),
  });
  const [made, setMade] = useState<NewApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const own = principal?.role ?? "viewer";
  const roles = ROLES.filter((r) => hasRole(own, r)).map((value) => ({
    value,
    label: ROLE_WORDS[value],
  }));
  const form = useForm({
    initialValues: { name: "", role: "viewer" as string },
    validate: {
      name: (v) => (v.trim() ? null : "Give the token a name, such as where it is used"),
    },
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["tokens"] });
  const active = (tokens.data?.tokens ?? []).filter((t) => t.revokedAt === null);

  const revoke = async (token: ApiTokenInfo) => {
    setError(null);
    try {
      await api.del(`/api/tokens/${token.id}`);
      if (made?.id === token.id) setMade(null);
      await refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRevoking(null);
    }
  };

  return (
    <Stack>
      <Title order={2}>Your account</Title>
      {principal && (
        <Text>
          Signed in as <strong className="wrap-anywhere">{principal.name}</strong>, with the{" "}
          {principal.role} role.
        </Text>
      )}
      <Title order={3} size="h4">
        API tokens
      </Title>
      <Text size="sm">
        A token lets a script, the <Code>basis</Code> command line or a CI job use Basis as you:
        send it as <Code>Authorization: Bearer &lt;token&gt;</Code>. It can do what its role allows,
        and never more than you can.
      </Text>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {made && (
        <Alert color="yellow" title="Copy your new token now" data-testid="new-token">
          <Stack gap="xs">
            <Text size="sm">
              This is the only time it is shown: Basis keeps only a fingerprint of it. Store it
              where the script will read it, such as a secret of your CI.
            </Text>
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput
                label={`Token "${made.name}"`}
                value={made.token}
                readOnly
                onFocus={(e) => e.currentTarget.select()}
                style={{ flex: 1 }}
                styles={{ input: { fontFamily: "monospace", lineHeight: "normal" } }}
              />
              <CopyButton value={made.token}>
                {({ copied, copy }) => (
                  <Button onClick={copy} variant={copied ? "light" : "filled"}>
                    {copied ? "Copied" : "Copy"}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Group>
              <Button variant="default" size="xs" onClick={() => setMade(null)}>
                I have copied it
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <form
        aria-label="New API token"
        onSubmit={form.onSubmit(async (v) => {
          setError(null);
          try {
            const created = await api.post<NewApiToken>("/api/tokens", {
              name: v.name.trim(),
              role: v.role,
            });
            setMade(created);
            form.reset();
            await refresh();
          } catch (e) {
            if (e instanceof ApiError)
              for (const i of e.issues)
                form.setFieldError(i.path.replace(/^body\./, ""), i.message);
            setError(e instanceof Error ? e.message : String(e));
          }
        })}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Token name"
            description="Where it is used, so you know which to revoke"
            {...form.getInputProps("name")}
          />
          <Select
            label="Role"
            description="No higher than your own"
            data={roles}
            allowDeselect={false}
            {...form.getInputProps("role")}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit">Create token</Button>
        </Group>
      </form>
      <Table withTableBorder striped aria-label="Your API tokens">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {active.map((t) => (
            <Table.Tr key={t.id} data-token={t.name}>
              <Table.Td className="wrap-anywhere">{t.name}</Table.Td>
              <Table.Td>{t.role}</Table.Td>
              <Table.Td>{day(t.createdAt)}</Table.Td>
              <Table.Td>
                <Button
                  color="red"
                  variant="subtle"
                  size="xs"
                  onClick={() => setRevoking(t)}
                  aria-label={`Revoke ${t.name}`}
                >
                  Revoke
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
          {tokens.data && active.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text size="sm" c="dimmed">
                  You have no API tokens.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Modal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={revoking ? `Revoke "${revoking.name}"?` : "Revoke token"}
      >
        <Stack>
          <Text size="sm">
            Whatever uses this token is refused from now on. This cannot be undone: make a new token
            instead.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              Keep it
            </Button>
            <Button color="red" onClick={() => revoking && void revoke(revoking)}>
              Revoke token
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
