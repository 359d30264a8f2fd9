/* true_false: response = true or false. */
(function (Q) {
  var O = Q.options;
  Q.kinds.true_false = {
    score: function (question, response) { return response === question.answer ? question.points : 0; },
    read: function (fieldset) {
      var checked = O.checked(fieldset);
      return checked.length ? checked[0] === "true" : null;
    },
    write: function (fieldset, question, response) {
      O.check(fieldset, typeof response === "boolean" ? [String(response)] : []);
    },
    show: function (fieldset, question, response, scored, all) {
      O.mark(fieldset, function (i) { return (i === 0) === question.answer; }, scored.state === "correct", all);
    },
    clear: O.clear
  };
})(QuizGen);
