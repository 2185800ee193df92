document.querySelectorAll("pre").forEach(function (p) { p.className = "code"; });
