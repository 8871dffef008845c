export interface Row {
    name: string;
    value: number;
}

const enum Width { Name = 10, Value = 8 }

export function formatTable(rows: readonly Row[]): string {
    return rows.map(r => r.name.padEnd(Width.Name) + String(r.value).padStart(Width.Value)).join("\n");
}
