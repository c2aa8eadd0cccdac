// The first page of a professional product (Orga, Certif, Admin): it needs a signed-in person; once the
// API says who they are, the section's `today(me)` tells what they can do there today.
import { api } from "./api.js";
import { root } from "./common.js";
import { done, h, showLoadError, t } from "./ui.js";

// `before()`, if given, reads what `today` needs (the section's own data) once the person is known.
export async function productHome(today, before = null) {
  const loading = document.getElementById("loading");
  try {
    const me = await api("/api/me", { auth: true });
    if (before) await before(me);
    document.getElementById("who").textContent = t("product_account", { name: `${me.first_name} ${me.last_name}` });
    document.getElementById("today-content").append(...today(me));
    document.getElementById("today").hidden = false;
  } catch (error) {
    showLoadError(error, document.querySelector(".form-status"));
  } finally {
    done(loading);
  }
}

// A paragraph, and a link to the learner's profile for what happens there rather than here.
export function toProfile(text) {
  return h("p", null, text, " ", h("a", { href: `${root}profil/` }, t("product_to_profile")));
}
