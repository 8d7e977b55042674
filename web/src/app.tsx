/**
 * The frame around every screen: sign-in when nobody is signed in, otherwise the navigation
 * and the screen the address names. Screens load on demand so the first paint stays small.
 */
import {
  AppShell,
  Burger,
  Button,
  Center,
  Group,
  Loader,
  NavLink,
  Text,
  Title,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { lazy, Suspense } from "react";
import { Link, Route, Switch, useLocation } from "wouter";
import { SignIn } from "./screens/sign-in.tsx";
import { useCan, useSession } from "./session.tsx";

const SCREENS = {
  "": () => import("./screens/dashboard.tsx"),
  register: () => import("./screens/register.tsx"),
  activities: () => import("./screens/activity.tsx"),
  screening: () => import("./screens/screening.tsx"),
  users: () => import("./screens/users.tsx"),
  account: () => import("./screens/account.tsx"),
};
// Fetch the screen the address names while the session is still being checked, not after.
const first = window.location.pathname.split("/")[1] ?? "";
if (first in SCREENS) void SCREENS[first as keyof typeof SCREENS]();

const Dashboard = lazy(SCREENS[""]);
const RegisterScreen = lazy(SCREENS.register);
const ActivityScreen = lazy(SCREENS.activities);
const ScreeningScreen = lazy(SCREENS.screening);
const UsersScreen = lazy(SCREENS.users);
const AccountScreen = lazy(SCREENS.account);

const NAV = [
  { href: "/", label: "Dashboard" },
  { href: "/register", label: "Register" },
  { href: "/screening", label: "Screening" },
];

export function App() {
  const { principal, loading, signOut } = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const [location] = useLocation();
  const isAdmin = useCan("admin");

  if (loading)
    return (
      <Center h="100vh">
        <Loader role="status" aria-label="Loading" />
      </Center>
    );
  if (!principal) return <SignIn />;

  const nav = [
    ...NAV,
    ...(isAdmin ? [{ href: "/users", label: "Users" }] : []),
    { href: "/account", label: "Account" },
  ];
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Title order={1} size="h3">
              Basis
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="xs" c="dimmed">
              {principal.name} · {principal.role}
            </Text>
            <Button variant="subtle" size="xs" onClick={() => void signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        {nav.map((item) => (
          <NavLink
            key={item.href}
            component={Link}
            href={item.href}
            label={item.label}
            active={item.href === "/" ? location === "/" : location.startsWith(item.href)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense
          fallback={
            <Center p="xl">
              <Loader role="status" aria-label="Loading" />
            </Center>
          }
        >
          <Switch>
            <Route path="/" component={Dashboard} />
            <Route path="/register" component={RegisterScreen} />
            <Route path="/activities/:slug/:tab?" component={ActivityScreen} />
            <Route path="/screening" component={ScreeningScreen} />
            <Route path="/users" component={UsersScreen} />
            <Route path="/account" component={AccountScreen} />
            <Route>
              <Title order={2}>Not found</Title>
              <Text>
                There is no screen at this address. <Link href="/">Go to the dashboard</Link>.
              </Text>
            </Route>
          </Switch>
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
