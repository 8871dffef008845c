// The entry point: imports from three modules, two of them through a re-export.
import { add, scale } from "./util/math";
import { formatTable, type Row } from "./util/format";
import { Shape, area } from "./shapes";

const shapes: Shape[] = [
    { kind: "circle", r: 2 },
    { kind: "rect", w: 3, h: add(1, 3) },
];

const rows: Row[] = shapes.map((s, i) => ({ name: `${s.kind}#${i}`, value: scale(area(s), 0.5) }));
console.log(formatTable(rows));
