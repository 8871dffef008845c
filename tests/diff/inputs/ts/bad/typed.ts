import { area, type Shape } from "../src/shapes";

const s: Shape = { kind: "square", side: 2 };
export const n: number = area(s) + "cm";
