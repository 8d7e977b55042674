/**
 * What shows instead of a screen that failed: its code could not be loaded (the network, or a
 * new version of the app replaced the files since the page was opened) or it threw while
 * drawing. Without it React would take the whole app off the page. The navigation stays; the
 * next address tried draws normally, and Reload loads the app afresh.
 */
import { Alert, Button, Stack, Text } from "@mantine/core";
import { Component, type ReactNode } from "react";

interface Props {
  /** The address shown: a new one clears the error. */
  at: string;
  children: ReactNode;
}

export class ScreenError extends Component<Props, { error: Error | null; at: string }> {
  override state = { error: null as Error | null, at: this.props.at };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; at: string }) {
    return props.at === state.at ? null : { error: null, at: props.at };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Alert color="red" title="This screen could not be shown" role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{error.message}</Text>
          <Button size="xs" variant="default" onClick={() => window.location.reload()}>
            Reload
          </Button>
        </Stack>
      </Alert>
    );
  }
}
