import { total } from "./broken";
console.log(total);
