// Progressive enhancement only (loaded by base.html): every page works without JavaScript.
// Changing language keeps what the resident has typed but not yet sent: just before the
// page is reloaded in the other language, the answers in its forms are kept in this tab's
// sessionStorage (never sent anywhere, gone when the tab closes), and put back into the
// same empty fields once the page comes back. Hidden fields, passwords and files are left
// alone: the server draws those afresh.
const KEY = `app-answers:${window.location.pathname}`;
const SKIPPED = new Set(["hidden", "password", "file", "submit", "button"]);

function fieldsOf(form) {
  return Array.from(form.elements).filter(
    (field) => field.name && !SKIPPED.has(field.type) && !field.disabled,
  );
}

function keepAnswers() {
  const answers = [];
  document.querySelectorAll("main form").forEach((form, index) => {
    fieldsOf(form).forEach((field) => {
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) answers.push([index, field.name, field.value, true]);
      } else if (field.value) {
        answers.push([index, field.name, field.value, false]);
      }
    });
  });
  try {
    if (answers.length) window.sessionStorage.setItem(KEY, JSON.stringify(answers));
  } catch {
    // Storage full or switched off: the page still changes language.
  }
}

function restoreAnswers() {
  let answers;
  try {
    answers = JSON.parse(window.sessionStorage.getItem(KEY) || "null");
    window.sessionStorage.removeItem(KEY);
  } catch {
    return;
  }
  if (!Array.isArray(answers)) return;
  const forms = document.querySelectorAll("main form");
  answers.forEach(([index, name, value, checked]) => {
    const form = forms[index];
    if (!form) return;
    fieldsOf(form)
      .filter((field) => field.name === name)
      .forEach((field) => {
        if (field.type === "checkbox" || field.type === "radio") {
          if (checked && field.value === value) field.checked = true;
        } else if (!field.value) {
          field.value = value;
        }
      });
  });
}

document.querySelectorAll("[data-app-language-link]").forEach((link) => {
  link.addEventListener("click", keepAnswers);
});
restoreAnswers();
