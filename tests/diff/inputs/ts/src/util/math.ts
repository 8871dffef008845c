export function add(a: number, b: number): number {
    return a + b;
}

export function scale(x: number, k: number): number {
    return Math.round(x * k * 100) / 100;
}

// Never imported: the bundler drops it.
export function unused(): string {
    return "tree-shaken";
}
