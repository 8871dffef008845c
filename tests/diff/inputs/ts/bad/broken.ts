import { add } from "../src/util/math";

export const total: number = add(1, 2) +;
