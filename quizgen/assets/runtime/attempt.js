/* quizgen runtime, attempts: which questions an attempt shows and in what order
 * (quizgen/attempt.py makes the same decisions from the same seed), and scoring
 * (quizgen/score.py). tests/vectors/ holds the cases both must agree on.
 */
(function (Q) {
  Q.plan = function (data, seed) {
    var indices = data.questions.map(function (question, index) { return index; });
    if (data.groups && data.groups.length) {
      // the questions lie group after group; each group draws from a stream of its own
      var drawn = [], start = 0;
      data.groups.forEach(function (group) {
        Q.shuffled(group.size, Q.stream(seed, "draw/" + group.name)).slice(0, group.draw).forEach(function (index) {
          drawn.push(start + index);
        });
        start += group.size;
      });
      if (data.shuffle) {
        indices = Q.shuffled(drawn.length, Q.stream(seed, "order")).map(function (index) { return drawn[index]; });
      } else {
        indices = drawn.sort(function (a, b) { return a - b; });
      }
    } else if (data.draw) {
      indices = Q.shuffled(indices.length, Q.stream(seed, "draw")).slice(0, data.draw);
      if (!data.shuffle) indices.sort(function (a, b) { return a - b; });
    } else if (data.shuffle) {
      indices = Q.shuffled(indices.length, Q.stream(seed, "order"));
    }
    var plan = { questions: [], orders: {} };
    indices.forEach(function (index) {
      var question = data.questions[index];
      plan.questions.push(question.id);
      if (!question.lists) return;
      var orders = plan.orders[question.id] = {};
      question.lists.forEach(function (list) {
        orders[list.key] = Q.shuffled(list.size, Q.stream(seed, question.id + "/" + list.key), list.fixed, list.derange);
      });
    });
    return plan;
  };

  // A question's score: its kind's, less the penalty of each hint revealed, never below 0.
  // Its state comes from the answer itself.
  Q.scoreQuestion = function (question, response, hints) {
    var raw = Q.kinds[question.type].score(question, response);
    var max = question.points;
    var used = Math.min(Math.max(hints || 0, 0), question.hints || 0);
    return {
      score: Math.max(0, raw - (question.penalty || 0) * used * max),
      max: max,
      state: raw >= max ? "correct" : raw > 0 ? "partial" : "incorrect"
    };
  };

  // Scores the questions `shown` (ids; default all) in that order, as quizgen/score.py does.
  Q.scoreQuiz = function (data, responses, shown, hints) {
    var byId = Object.create(null);
    data.questions.forEach(function (question) { byId[question.id] = question; });
    shown = shown || data.questions.map(function (question) { return question.id; });
    hints = hints || {};
    var result = { questions: {}, total: 0, max: 0 };
    shown.forEach(function (id) {
      var scored = Q.scoreQuestion(byId[id], Q.own(responses, id), Q.own(hints, id));
      result.questions[id] = scored;
      result.total += scored.score;
      result.max += scored.max;
    });
    result.percent = result.total / result.max * 100;
    result.shownPercent = Math.floor(result.percent + Q.EPSILON);
    result.passed = result.percent + Q.EPSILON >= data.passMark;
    var words = { points: Q.t("quiz.score_of", { score: result.total, count: result.max }),
      percent: Q.percent(result.percent), needed: Q.t("quiz.percent", { value: data.passMark }) };
    result.message = Q.t(result.passed ? "quiz.result_passed" : "quiz.result_not_passed", words);
    return result;
  };
})(QuizGen);
