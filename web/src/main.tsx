/**
 * The Basis web app: the register, the basis wizard, the LIA editor with live findings, the
 * screening runner and versions. Mantine gives accessible components; React Query caches
 * what the server returns; the core engine runs here for findings as the user types.
 */
import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./app.css";
import {
  type CSSVariablesResolver,
  createTheme,
  DEFAULT_THEME,
  darken,
  MantineProvider,
} from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App, firstScreenLoaded } from "./app.tsx";
import { queryClient } from "./query-client.ts";
import { SessionProvider } from "./session.tsx";

const theme = createTheme({
  primaryColor: "indigo",
  primaryShade: 8,
  autoContrast: true,
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  defaultRadius: "sm",
});

// Mantine's dimmed grey and the text of its light and outline variants miss WCAG AA contrast
// on white and on their own tinted backgrounds: that text takes a darkened shade 9 instead.
const COLORS = [
  "gray",
  "red",
  "pink",
  "grape",
  "violet",
  "indigo",
  "blue",
  "cyan",
  "teal",
  "green",
  "lime",
  "yellow",
  "orange",
];
const resolver: CSSVariablesResolver = () => ({
  variables: {},
  light: Object.fromEntries([
    ["--mantine-color-dimmed", "var(--mantine-color-gray-7)"],
    ...COLORS.flatMap((c) => {
      const dark = darken(DEFAULT_THEME.colors[c]?.[9] ?? "#000", 0.35);
      return [
        [`--mantine-color-${c}-light-color`, dark],
        [`--mantine-color-${c}-outline`, dark],
        [`--mantine-color-${c}-text`, dark],
      ];
    }),
  ]),
  dark: {},
});

const root = document.getElementById("root");
if (!root) throw new Error("no #root element");
// Drawn once the first screen's code is in (or failed), or after a second: a slow network then
// sees the loader, as it would without the wait. A second, not less: on a busy machine the
// code can take some hundreds of milliseconds, and drawing before it comes shows the loader
// for at least 300 ms (see app.tsx).
const draw = () =>
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={resolver}>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <App />
          </SessionProvider>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
void Promise.race([
  firstScreenLoaded.catch(() => undefined),
  new Promise((r) => setTimeout(r, 1000)),
]).then(draw);
