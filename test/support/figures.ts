/**
 * The figures the reliability tests measure (kills, writes acknowledged and found, requests
 * sent, 500s seen), printed on one line each as `figures: <what>: <counts>` so a test run's
 * output can be searched for them and quoted.
 */
export function figure(what: string, counts: string): void {
  console.info(`figures: ${what}: ${counts}`);
}
