/** User administration (admins only; the server checks too): create, change role, disable. */
import {
  Alert,
  Button,
  Group,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type Role, ROLES as VOCABULARY_ROLES } from "../../../src/core/vocabulary.ts";
import { ApiError, api } from "../api.ts";
import type { User, UserList } from "../types.ts";
import { WorkflowSettings } from "./workflow-settings.tsx";

const ROLE_CHOICES: Record<Role, string> = {
  viewer: "Viewer: reads",
  editor: "Editor: edits assessments",
  approver: "Approver: approves",
  admin: "Admin: users and audit",
};
const ROLES = VOCABULARY_ROLES.map((value) => ({ value, label: ROLE_CHOICES[value] }));

export default function UsersScreen() {
  const queryClient = useQueryClient();
  const users = useQuery({
    queryKey: ["users"],
    queryFn: () => api.get<UserList>("/api/users"),
  });
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: "", name: "", role: "editor", password: "" },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v) ? null : "Enter an email address"),
      name: (v) => (v.trim() ? null : "Enter a name"),
      password: (v) => (v.length >= 12 ? null : "Use at least 12 characters"),
    },
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["users"] });
  const change = async (id: string, body: Partial<Pick<User, "role" | "disabled">>) => {
    setError(null);
    try {
      await api.patch(`/api/users/${id}`, body);
      await refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Stack>
      <Title order={2}>Users and settings</Title>
      {error && <Alert color="red">{error}</Alert>}
      <Table withTableBorder striped aria-label="Users">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Active</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data?.users ?? []).map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td className="wrap-anywhere">{u.name}</Table.Td>
              <Table.Td className="wrap-anywhere">{u.email}</Table.Td>
              <Table.Td>
                <Select
                  aria-label={`Role of ${u.name}`}
                  data={ROLES}
                  value={u.role}
                  onChange={(r) => r && void change(u.id, { role: r as Role })}
                  allowDeselect={false}
                  size="xs"
                />
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={`${u.name} can sign in`}
                  checked={!u.disabled}
                  onChange={(e) => void change(u.id, { disabled: !e.currentTarget.checked })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3} size="h4">
        Add a user
      </Title>
      <form
        onSubmit={form.onSubmit(async (v) => {
          setError(null);
          try {
            await api.post("/api/users", v);
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
          <TextInput label="Name" {...form.getInputProps("name")} />
          <TextInput label="Email" {...form.getInputProps("email")} />
          <Select label="Role" data={ROLES} allowDeselect={false} {...form.getInputProps("role")} />
          <PasswordInput
            label="First password"
            autoComplete="new-password"
            {...form.getInputProps("password")}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit">Add user</Button>
        </Group>
      </form>
      <WorkflowSettings />
    </Stack>
  );
}
