/** Java `.properties` text from a record; values are written as-is apart from backslashes. */
export type Properties = Record<string, string | number | boolean>;

export function renderProperties(props: Properties, header?: string): string {
  const lines = Object.entries(props).map(([k, v]) => `${k}=${String(v).replaceAll('\\', '\\\\')}`);
  return `${header ? `# ${header}\n` : ''}${lines.join('\n')}\n`;
}
