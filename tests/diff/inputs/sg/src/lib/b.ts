var n: number = 1;
export const g = (s: string) => s.length + n;
