"""The looping steps of the conversation after the ask step: challenge, next steps (with the
help they want from you and when you will next meet).

Each loop keeps its results in the state as soon as they are complete, so an interrupted loop
resumes with what was already recorded.
"""

from __future__ import annotations

from coachcli.conversation.agree import agree_help_and_meeting
from coachcli.conversation.base import Conversation, ask_due, next_steps
from coachcli.conversation.paging import pick
from coachcli.conversation.state import ConversationState
from coachcli.core.parts import Assumption
from coachcli.ui.prompting import Choice


def challenge_step(c: Conversation, state: ConversationState) -> None:
    c.say("info", "Now challenge: what is being taken for granted?", title="Challenge")
    own = Choice("own", "Note an assumption I noticed myself…", key="w")
    done = Choice("done", "Done — move on to next steps", key="d")
    while True:
        used = {a.prompt_id for a in state.assumptions}
        pool = [q for q in c.rotated("challenge") if q.id not in used]
        picked = pick(c.prompter, "challenge.pick", "Pick a challenge to ask", pool, [own], done)
        if picked == "done":
            return
        if isinstance(picked, str):
            prompt, prompt_id = "", None
        else:
            prompt, prompt_id = picked.text, picked.id
        assumption = c.prompter.text(
            "challenge.assumption", "The assumption that surfaced (empty to skip)"
        ).strip()
        if not assumption:
            continue
        reframe = c.prompter.text("challenge.reframe", "How did they reframe it?").strip()
        state.assumptions.append(
            Assumption(prompt=prompt, prompt_id=prompt_id, assumption=assumption, reframe=reframe)
        )


def next_step(c: Conversation, state: ConversationState) -> None:
    if not state.is_done("next.steps"):
        c.phase("next")
        hints = c.rotated("commit")[:2]
        if hints:
            c.say("hint", "You might ask:", lines=[q.text for q in hints])
        next_steps(c, state, action_prompt="Next step (what will be done?)", due=lambda: ask_due(c))
        state.mark_done("next.steps")
    agree_help_and_meeting(c, state)
