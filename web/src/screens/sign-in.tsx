/** Sign-in: email and password; the server answers 401 for both wrong, 429 when rate-limited. */
import {
  Alert,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api } from "../api.ts";
import { useSession } from "../session.tsx";
import type { Health } from "../types.ts";

export function SignIn() {
  const { signIn } = useSession();
  const [error, setError] = useState<string | null>(null);
  // The setup link works once; after the first admin exists the hint would only mislead.
  const health = useQuery({
    queryKey: ["health"],
    queryFn: () => api.get<Health>("/api/health"),
  });
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v) ? null : "Enter your email address"),
      password: (v) => (v ? null : "Enter your password"),
    },
  });
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" w="100%" maw={420} component="main">
        <form
          onSubmit={form.onSubmit(async (v) => {
            setBusy(true);
            setError(null);
            try {
              await signIn(v.email, v.password);
            } catch (e) {
              setError(e instanceof ApiError ? e.message : String(e));
            } finally {
              setBusy(false);
            }
          })}
        >
          <Stack>
            <Title order={1} size="h2">
              Sign in to Basis
            </Title>
            {health.data?.setupDone === false ? (
              <Text size="sm" c="dimmed">
                First time here? Open the one-time setup link that <code>basis serve</code> printed
                to create the first administrator.
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                No account yet? Ask an administrator of Basis to create one for you.
              </Text>
            )}
            {error && (
              <Alert color="red" role="alert" title="Could not sign in">
                {error}
              </Alert>
            )}
            <TextInput
              label="Email"
              autoComplete="username"
              required
              {...form.getInputProps("email")}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              {...form.getInputProps("password")}
            />
            <Button type="submit" loading={busy}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
