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
import { type ComponentType, lazy, Suspense, useState } from "react";
import { Link, Route, Switch, useLocation } from "wouter";
import { ScreenError } from "./components/screen-error.tsx";
import { SignIn } from "./screens/sign-in.tsx";
import { useCan, useSession } from "./session.tsx";

/**
 * A screen whose code loads on demand. Until the code has loaded, the screen suspends and the
 * Suspense fallback shows; React then holds the screen back until the fallback has shown for
 * about 300 ms (so a loader never just flickers). Once the code has loaded, the screen is
 * drawn at once instead, without suspending: each mount keeps the form it started with, so a
 * screen drawn while loading is not mounted anew when the code arrives.
 */
function onDemand<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loaded: ComponentType<P> | undefined;
  const fetch = () =>
    load().then((m) => {
      loaded = m.default;
      return m;
    });
  const Lazy = lazy(fetch);
  function Screen(props: P) {
    const [Drawn] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return <Drawn {...props} />;
  }
  return Object.assign(Screen, { load: fetch });
}

const SCREENS = {
  "": onDemand(() => import("./screens/dashboard.tsx")),
  register: onDemand(() => import("./screens/register.tsx")),
  activities: onDemand(() => import("./screens/activity.tsx")),
  screening: onDemand(() => import("./screens/screening.tsx")),
  users: onDemand(() => import("./screens/users.tsx")),
  account: onDemand(() => import("./screens/account.tsx")),
};

/**
 * The code of the screen the address names, asked for as soon as the app's own code runs,
 * while the session is still being checked. The app is first drawn once it has loaded, or
 * after a short wait (see main.tsx), so that screen is drawn at once rather than after a
 * loader.
 */
export const firstScreenLoaded: Promise<unknown> = (() => {
  const first = window.location.pathname.split("/")[1] ?? "";
  return Object.hasOwn(SCREENS, first)
    ? SCREENS[first as keyof typeof SCREENS].load()
    : Promise.resolve();
})();

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
        <ScreenError at={location}>
          <Suspense
            fallback={
              <Center p="xl">
                <Loader role="status" aria-label="Loading" />
              </Center>
            }
          >
            <Switch>
              <Route path="/" component={SCREENS[""]} />
              <Route path="/register" component={SCREENS.register} />
              <Route path="/activities/:slug/:tab?" component={SCREENS.activities} />
              <Route path="/screening" component={SCREENS.screening} />
              <Route path="/users" component={SCREENS.users} />
              <Route path="/account" component={SCREENS.account} />
              <Route>
                <Title order={2}>Not found</Title>
                <Text>
                  There is no screen at this address. <Link href="/">Go to the dashboard</Link>.
                </Text>
              </Route>
            </Switch>
          </Suspense>
        </ScreenError>
      </AppShell.Main>
    </AppShell>
  );
}
