/* The rating form (feedback app): show the reasons that fit the chosen score and send the form
   with fetch, showing the thanks in place. Without this script the form still posts and both
   reason lists show. */
(function () {
  "use strict";

  function setUp(form) {
    var lists = form.querySelectorAll("[data-reasons]");
    var status = form.querySelector("[data-rating-status]");

    function showReasons() {
      var checked = form.querySelector("input[name=score]:checked");
      var score = checked ? parseInt(checked.value, 10) : 0;
      var wanted = score === 0 ? "" : (score >= 4 ? "positive" : "negative");
      lists.forEach(function (list) {
        var shown = list.getAttribute("data-reasons") === wanted;
        list.hidden = !shown;
        if (!shown) {
          list.querySelectorAll("input").forEach(function (input) { input.checked = false; });
        }
      });
    }

    form.addEventListener("change", function (event) {
      if (event.target.name === "score") { showReasons(); }
    });
    showReasons();

    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData) { return; }
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      status.classList.remove("rating__status--error");
      status.textContent = "Đang gửi…";
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (result) {
        if (result.ok) {
          var thanks = document.createElement("p");
          thanks.className = "rating__thanks is-shown notice";
          thanks.setAttribute("role", "status");
          thanks.setAttribute("tabindex", "-1");
          thanks.textContent = result.data.message;
          form.replaceWith(thanks);
          thanks.focus();
        } else {
          status.classList.add("rating__status--error");
          status.textContent = result.data.error || "Không gửi được đánh giá.";
          button.disabled = false;
        }
      }).catch(function () {
        status.classList.add("rating__status--error");
        status.textContent = "Không gửi được đánh giá. Vui lòng thử lại sau.";
        button.disabled = false;
      });
    });
  }

  document.querySelectorAll("[data-rating-form]").forEach(setUp);
})();
