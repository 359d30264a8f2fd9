/* quizgen runtime: what the option kinds share (radio buttons and checkboxes
 * in .quizgen-option rows): reading, restoring, shuffling and marking them.
 * single, multiple and true_false use it; scenario marks its replies with it;
 * ordering and matching share its reading and restoring of <select> rows.
 */
(function (Q) {
  var O = Q.options = {};

  O.checked = function (root) {
    return Q.all(root, ".quizgen-option input:checked").map(function (input) { return input.value; });
  };

  O.check = function (root, values) {
    Q.all(root, ".quizgen-option input").forEach(function (input) {
      input.checked = values.indexOf(input.value) >= 0;
    });
  };

  O.arrange = function (root, order) {
    Q.reorder(root.querySelector(".quizgen-options"), ".quizgen-option", order, "data-index");
  };

  // Marks each option: chosen and right, chosen and wrong, or a right one missed. `all` shows every feedback.
  O.mark = function (root, isRight, complete, all) {
    Q.all(root, ".quizgen-option").forEach(function (option) {
      var input = option.querySelector("input");
      var right = isRight(Number(option.getAttribute("data-index")));
      var state = "";
      var text = "";
      if (input.checked && right) { state = "is-chosen-right"; text = Q.t("quiz.choice_right"); }
      else if (input.checked) { state = "is-chosen-wrong"; text = Q.t("quiz.choice_wrong"); }
      else if (right && !complete) { state = "is-missed"; text = Q.t("quiz.a_right_answer"); }
      if (state) option.classList.add(state);
      option.querySelector(".quizgen-option-state").textContent = text;
      var feedback = option.querySelector(".quizgen-option-feedback");
      Q.show(feedback, all || (input.checked && !right) || state === "is-missed");
      if (feedback && !feedback.hidden) input.setAttribute("aria-describedby", feedback.id);
    });
  };

  /* ordering and matching: one <select> per written row (data-index); the response is each row's value or null */
  O.readSelects = function (fieldset, row, count) {
    var response = [];
    for (var i = 0; i < count; i++) response.push(null);
    Q.all(fieldset, row + " select").forEach(function (select) {
      if (select.value !== "") response[Number(select.closest(row).getAttribute("data-index"))] = Number(select.value);
    });
    return response;
  };

  O.writeSelects = function (fieldset, row, response, size) {
    Q.all(fieldset, row + " select").forEach(function (select) {
      var value = Array.isArray(response) ? response[Number(select.closest(row).getAttribute("data-index"))] : null;
      select.value = Q.isIndex(value, size) ? String(value) : "";
    });
  };

  O.anySelected = function (response) {
    return Array.isArray(response) && response.some(function (value) { return value !== null; });
  };

  O.clear = function (root) {
    Q.all(root, ".quizgen-option").forEach(function (option) {
      option.classList.remove("is-chosen-right", "is-chosen-wrong", "is-missed");
      option.querySelector(".quizgen-option-state").textContent = "";
      Q.show(option.querySelector(".quizgen-option-feedback"), false);
      option.querySelector("input").removeAttribute("aria-describedby");
    });
  };
})(QuizGen);
