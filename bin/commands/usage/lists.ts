/** `--topics a, b,,c` → ['a', 'b', 'c']; undefined when the flag was not given. */
export const commaList = (value: string | undefined): string[] | undefined =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
