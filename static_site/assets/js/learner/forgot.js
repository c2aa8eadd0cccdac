import { api } from "../api.js";
import { handleForm, showStatus } from "../forms.js";

const form = document.getElementById("forgot-form");
handleForm(form, async (data) => {
  const answer = await api("/api/password-reset", { method: "POST", body: { email: data.get("email") } });
  form.hidden = true;
  showStatus(form, answer.message, "success");
});
