(()=>{console.log("bundle")})();
