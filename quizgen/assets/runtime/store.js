/* quizgen runtime, the store: each quiz's current attempt (seed, answers, hints
 * revealed, checked or submitted), kept in the browser under one versioned key.
 * Stored data is untrusted: anything of the wrong shape is dropped, never
 * allowed to break the page; without storage, attempts live in memory only.
 */
(function (Q) {
  var KEY = "quizgen.v1";
  var memory = { attempts: {} };

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; // blocked by the browser's settings
    }
  }

  function readAll() {
    var store = storage();
    try {
      var data = store ? JSON.parse(store.getItem(KEY) || "null") : memory;
      return data && typeof data === "object" && data.attempts && typeof data.attempts === "object"
        ? data : { attempts: {} };
    } catch (error) {
      return { attempts: {} };
    }
  }

  function writeAll(data) {
    memory = data;
    var store = storage();
    try {
      if (store) store.setItem(KEY, JSON.stringify(data));
    } catch (error) {
      // full or refused: the attempt goes on in memory
    }
  }

  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }

  Q.store = {
    load: function (quizId) {
      var attempt = readAll().attempts[quizId] || (memory.attempts || {})[quizId];
      if (!isObject(attempt) || !Q.isIndex(attempt.seed, 4294967296) || !isObject(attempt.answers) ||
          !isObject(attempt.hints)) return null;
      return {
        seed: attempt.seed,
        answers: attempt.answers,
        hints: attempt.hints,
        checked: attempt.checked === true,
        submitted: attempt.submitted === true
      };
    },
    save: function (quizId, attempt) {
      var data = readAll();
      data.attempts[quizId] = attempt;
      writeAll(data);
    }
  };
})(QuizGen);
