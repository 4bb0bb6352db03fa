"""Words that mean the same thing to a listener, for recognising a paraphrase.

Each group is one idea; a note and a marked item that share an idea match even when they share
no word ("nervous" and "anxious", "let down" and "disappointed", "rely on" and "reliable"). The
groups are deliberately broad: practice asks "did you hear it?", not "did you use my word?".
"""

from __future__ import annotations

FEELINGS = {
    "anxious": "anxious anxiety nervous nerves worried worry worrying scared afraid fear fearful "
    "frightened terrified panic panicky uneasy tense apprehensive dread dreading jittery "
    "jumpy edgy",
    "stressed": "stressed stress stressful pressure pressured strain strained",
    "overwhelmed": "overwhelmed overwhelming swamped drowning buried overloaded overload snowed "
    "stretched underwater flooded",
    "tired": "tired exhausted exhaustion drained burnt burned burnout worn weary fatigued fatigue "
    "depleted shattered knackered empty",
    "frustrated": "frustrated frustration frustrating annoyed irritated angry anger furious "
    "fedup cross resentful resentment mad irked exasperated bitter",
    "hurt": "hurt wounded stung betrayed slighted undervalued unappreciated overlooked "
    "invisible ignored unseen dismissed sidelined",
    "disappointed": "disappointed disappointment gutted crushed deflated dejected discouraged "
    "disheartened letdown",
    "sad": "sad sadness down low unhappy upset miserable blue",
    "embarrassed": "embarrassed embarrassment ashamed shame humiliated mortified sheepish "
    "exposed idiot stupid foolish",
    "guilty": "guilty guilt sorry regret",
    "insecure": "insecure doubt doubting inadequate imposter impostor fraud incompetent "
    "unconfident confidence selfdoubt out-of-depth",
    "bored": "bored boredom restless unchallenged stagnant stale flat uninspired coasting "
    "autopilot dull",
    "confused": "confused confusion lost unclear uncertain unsure adrift directionless muddled",
    "stuck": "stuck trapped boxed plateau plateaued",
    "torn": "torn conflicted ambivalent",
    "excited": "excited excitement eager keen enthusiastic thrilled energised energized",
    "proud": "proud pride",
    "lonely": "lonely loneliness isolated isolation alone excluded outsider",
    "awkward": "awkward uncomfortable discomfort weird strange odd",
    "defensive": "defensive attacked criticised criticized",
    "hopeful": "hopeful hope optimistic",
    "relieved": "relieved relief",
    "jealous": "jealous envious envy",
    "resigned": "resigned hopeless pointless giving-up",
}

VALUES = {
    "reliable": "reliable reliability rely relied dependable depend trust trusted trustworthy "
    "promise promises commitment accountable accountability delivering deliver word",
    "quality": "quality craft craftsmanship thorough thoroughness proper properly standards "
    "standard excellence careful detail rigour rigor",
    "recognition": "recognition recognised recognized credit appreciated appreciation valued "
    "acknowledged acknowledgement noticed visibility visible seen",
    "fair": "fair fairness unfair justice equal equity deserve deserved merit",
    "growth": "growth grow growing learn learning develop development progress progression "
    "career stretch",
    "autonomy": "autonomy independence independent freedom free control ownership own",
    "belonging": "team belonging belong connection connected relationship relationships "
    "friendship friends colleagues together camaraderie loyalty loyal peers",
    "family": "family kids children child partner home parent parents baby",
    "balance": "balance wellbeing health healthy rest boundaries evenings weekends",
    "security": "security stability stable safe safety secure",
    "competence": "competent competence capable capability credible credibility expert "
    "expertise mastery good-at",
    "respect": "respect respected dignity",
    "honesty": "honest honesty openness transparent transparency truth candid straight",
    "purpose": "purpose meaning meaningful impact difference contribute contribution mission "
    "matters",
    "care": "care caring compassion kindness customers patients",
    "creativity": "creative creativity ideas innovate innovation invent building",
    "challenge": "challenge challenged challenging interesting curiosity curious new novelty",
}

FACTS = {
    "late": "late behind overdue slipped slip missed miss delayed delay deadline",
    "quit": "quit quitting resign resigning leave leaving",
    "promotion": "promotion promoted",
    "manager": "manager boss lead",
}


def groups() -> dict[str, str]:
    """Every word mapped to its group name (``feel:anxious``, ``value:fair``, ``fact:late``)."""
    out: dict[str, str] = {}
    for prefix, table in (("feel", FEELINGS), ("value", VALUES), ("fact", FACTS)):
        for name, words in table.items():
            for word in words.split():
                out.setdefault(word.replace("-", ""), f"{prefix}:{name}")
    return out
