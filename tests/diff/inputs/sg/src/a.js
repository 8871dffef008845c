function f(x) {
  console.log(x);
  console.log("hi", 2);
}
