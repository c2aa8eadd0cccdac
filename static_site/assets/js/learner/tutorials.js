// My tutorials: the ones I saved and the ones recommended for the skills I have not validated yet.
import { api } from "../api.js";
import { messages } from "../common.js";
import { done, h, showLoadError } from "../ui.js";
import { savedTutorials, tutorialList } from "./shared.js";

const loading = document.getElementById("loading");
try {
  const [saved, recommended] = await Promise.all([
    savedTutorials(), api("/api/tutorials/recommended", { auth: true }),
  ]);
  document.getElementById("saved").append(saved.tutorials.length
    ? tutorialList(saved.tutorials) : h("p", null, messages.tutorials_saved_none));
  document.getElementById("recommended").append(recommended.tutorials.length
    ? tutorialList(recommended.tutorials) : h("p", null, messages.tutorials_recommended_none));
  document.getElementById("tutorials").hidden = false;
} catch (error) {
  showLoadError(error, document.querySelector(".form-status"));
} finally {
  done(loading);
}
