/* fill_blank: response = the text typed; right when it matches an accepted answer after normalising. */
(function (Q) {
  Q.kinds.fill_blank = {
    score: function (question, response) {
      var given = typeof response === "string" ? Q.normalise(response) : "";
      return given !== "" && question.answers.some(function (a) { return Q.normalise(a) === given; })
        ? question.points : 0;
    },
    read: function (fieldset) {
      var input = fieldset.querySelector("input[type=text]");
      return input ? input.value : "";
    },
    write: function (fieldset, question, response) {
      fieldset.querySelector("input[type=text]").value = typeof response === "string" ? response : "";
    },
    answered: function (response) { return typeof response === "string" && Q.normalise(response) !== ""; },
    show: function (fieldset, question, response, scored) {
      Q.show(fieldset.querySelector(".quizgen-accepted"), scored.state !== "correct");
    },
    clear: function (fieldset) { Q.show(fieldset.querySelector(".quizgen-accepted"), false); }
  };
})(QuizGen);
