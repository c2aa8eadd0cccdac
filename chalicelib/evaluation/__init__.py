"""The learner's side: competence evaluations, answers, profile, results and tutorials."""
