import { api, session } from "../api.js";
import { handleForm } from "../forms.js";
import { showNavigation } from "../common.js";
import { explainPassword, watchPassword } from "./password.js";

const form = document.getElementById("signup-form");
const noEmail = document.getElementById("no_email");

noEmail.addEventListener("change", () => {
  form.querySelector("[data-part=email]").hidden = noEmail.checked;
  form.querySelector("[data-part=birth]").hidden = !noEmail.checked;
  form.elements.email.required = !noEmail.checked;
  form.elements.birth_date.required = noEmail.checked;
});
watchPassword(form.elements.password);

// A pupil's account is opened like any other (the answer is a session); the generated username is what
// they will log in with next time, so it is shown on its own before they go on.
function showUsername(username) {
  for (const id of ["signup-lead", "signup-have-account"]) document.getElementById(id).hidden = true;
  form.hidden = true;
  form.closest("article").querySelector(".form-status").hidden = true;
  document.getElementById("new-username").textContent = username;
  const done = document.getElementById("signup-username");
  done.hidden = false;
  done.querySelector("h2").focus();
}

handleForm(form, async (data) => {
  const body = {
    first_name: data.get("first_name"),
    last_name: data.get("last_name"),
    password: data.get("password"),
    cgu_accepted: data.get("cgu_accepted") === "on",
    lang: document.documentElement.lang,
  };
  if (noEmail.checked) body.birth_date = data.get("birth_date");
  else body.email = data.get("email");
  const created = await api("/api/users", { method: "POST", body });
  session.save(created);
  showNavigation();
  if (created.user.username) {
    showUsername(created.user.username);
    return;
  }
  window.location.assign(form.dataset.next);
}, { explain: explainPassword });
