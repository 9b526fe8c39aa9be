/** The directory of a root-relative, forward-slash path ('' for a file at the root). */
export function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i === -1 ? '' : file.slice(0, i);
}
