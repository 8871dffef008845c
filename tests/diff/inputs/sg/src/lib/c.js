console.log("top")
