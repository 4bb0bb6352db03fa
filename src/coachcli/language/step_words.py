"""Word lists for the next-step check (``coachcli.language.steps``), pure stdlib.

Written as prefix tables (``words.expand``) matched with ``str.startswith`` on the lowercase
words of a step, so nothing is compiled at import and ``coach check-step`` starts fast.
"""

from __future__ import annotations

from coachcli.language.words import expand, wordset

# Who will do it, said before the action: "I will", "Sam to", "The team will". Dropped before
# the action is read; the owner is asked separately.
SUBJECT = expand(
    "i|we|you|they|he|she will|shall|must|need_to|have_to|am_going_to|are_going_to|"
    "is_going_to|am_gonna|are_gonna|'ll|plan_to|am_to|are_to|want_to|intend_to|commit_to|"
    "agree_to|agreed_to|promise_to -|then|also|first",
    "i'll|we'll|you'll|they'll|he'll|she'll|i'm|we're|you're|they're|he's|she's "
    "-|then|also|first|going_to|gonna",
    "i|we need|have|got to",
    "action|step|todo|to_do|next_step|next|action_point",
)
NAMED_SUBJECT_VERBS = wordset("will to shall must is are needs has agreed promised")

# Hedges: a way out left open. Matched at the start (after the subject) or as these phrases.
HEDGE_START = expand(
    "try|trying|attempt to|and|n'",
    "try -|my|our|his|her|their best",
    "maybe|perhaps|possibly|probably|hopefully|ideally|might|may|could|should|would|'d -|just|also",
    "hope|aim|plan|want|like|wish|mean to",
    "see if|whether",
    "have_a_go|do_my_best|do_what_i_can|do_our_best|give_it_a_go|give_it_a_try",
    "if|when i|we get|have|find -|the|a|some time|chance|moment",
    "if possible|time|i_can|we_can",
    "when possible|i_can|we_can",
    "guess|suppose|reckon|think i'll|we'll|i|we",
)
HEDGE_ANYWHERE = (
    " at some point",
    " at some stage",
    " some time ",
    " sometime",
    " if i can",
    " if we can",
    " if possible",
    " if i get time",
    " if there's time",
    " if there is time",
    " if time allows",
    " if time permits",
    " time permitting",
    " if i get a chance",
    " if i get round to it",
    " if i get around to it",
    " if i have time",
    " when i get a chance",
    " when i can",
    " when possible",
    " eventually",
    " hopefully",
    " maybe",
    " perhaps",
    " when needed",
    " as needed",
    " if needed",
    " when necessary",
    " if necessary",
    " where possible",
    " as and when",
)
TRY_ACTION = wordset("out")  # "Try out the new till with two customers" is a trial, an action

# Said instead of an action.
NON_ACTION = expand(
    "tbd|tbc|tba|n/a|na|none|nothing|nil|nada|dunno|idk|xx|x|-|?|pass|same|wait",
    "to_be decided|confirmed|agreed|arranged|determined",
    "no action|actions|step|steps|change|changes -|needed|required|for_now",
    "nothing -|to_do|for_now|this_time|yet|needed|really|else",
    "let me|us know",
    "will|i'll|we'll let_you|let_me|let_us know",
    "see how|what -|it|things goes|go|happens|pans_out|works|works_out",
    "wait and see",
    "we'll|we_will|let's see",
    "watch this space",
    "let it play|ride out",
    "same as before|last_time|usual",
    "as discussed|agreed|above|before|usual|normal",
    "carry_on|business as normal|usual|before|we_are",
    "not sure|decided -|yet",
    "leave it -|for_now|be|as_it_is",
    "talk|speak|catch_up|chat next_time|later|soon|again",
    "don't know",
    "no idea",
    "nothing_planned",
    "will_do|ok|okay|yes|yep|yeah|sure|fine|done|agreed|noted|on_it|sounds_good|will_try",
)
# Words said before a step that are not part of it: "Sure, I'll sort it", "OK so email Sam".
LEAD_FILLERS = wordset("sure ok okay yes yeah yep right so then also and first next well fine")

# Intentions, not actions. STRONG heads stay vague unless joined to a concrete action ("Think
# about the options and email me your pick"); WEAK heads pass when the step names a time, a
# person or a number ("Sort out the permits with facilities by Friday").
STRONG = expand(
    "think|thinking about|over|through|on|it|more|of",
    "reflect|reflecting|ponder|mull|contemplate|consider|considering|explore|exploring",
    "be|being|become|feel|feeling",
    "improve|improving|enhance|strengthen",
    "work|working on|at|towards|toward|harder|smarter|better|more|less",
    "look|looking into|at_options|at_things|at_it|at_ways|at_how",
    "continue|continuing|carry_on|keep_on|stay|remain",
    "follow|following up|through later|soon|again|next_time|on_it|on_that|on_this|on_things",
    "make|making sure|certain|an_effort|more_effort|more_of_an_effort|progress|things|it_happen|"
    "changes|improvements|a_start|a_plan",
    "ensure|ensuring",
    "get|getting better|more|less|clarity|on_with|organised|organized|back_on_track|to_grips|"
    "a_handle|my_head|the_hang|used|sorted|it_sorted|it_done|things_done|on_top",
    "keep|keeping an_eye|going|it_up|on_top|on|trying|calm|focused|positive|in_mind|at_it|"
    "up_the|working|pushing|doing|watch|track_of_things|improving|learning|an_open",
    "try|trying to_be|and_be|being|harder|more|to_improve|to_get_better|to_feel|to_stay|to_keep",
    "learn|learning to|how_to",
    "focus|focusing on|more",
    "develop|developing|grow|growing|progress|progressing",
    "take|taking ownership|responsibility|more_responsibility|charge|control|care_of_it|"
    "care_of_things|the_lead|a_step_back|stock|it_on_board|on_board|things_forward|it_forward|"
    "it_further|time_to",
    "step up|back",
    "do|doing better|more|less|my_best|our_best|what_i_can|what's_needed|something|things|it",
    "find|finding a_way|ways|time|balance|the_time|a_balance|a_solution|a_fix",
    "understand|understanding",
    "engage|engaging more|better",
    "stop|stopping worrying|overthinking|procrastinating|being",
    "start|starting being|to_be|thinking|feeling|caring",
    "aim|strive|endeavour|endeavor to",
    "prioritise|prioritize|prioritising|prioritizing better|more|things|tasks|work|my",
    "communicate|communicating better|more|clearly|with",
    "manage|managing my_time|time|stress|expectations|things|better|the_situation",
    "pay|paying more_attention|attention",
    "cope|coping better|with",
    "move|moving forward|on|things_forward",
    "progress|push things|it|forward",
    "sort|sorting things|stuff|it|everything",
    "have|having a_think|a_ponder|a_mull|a_go|a_try|a_look_into",
    "build|building better|stronger|relationships|rapport|trust",
    "figure|figuring out what|how|whether|a_way|things|my|where",
)
WEAK = expand(
    "get|getting back_to",
    "have|having a_look|a_look_at",
    "sort|sorting out|through",
    "deal|dealing with",
    "address|addressing|handle|handling|tackle|tackling|resolve|resolving|fix_things",
    "look|looking into|at",
    "monitor|monitoring|review|reviewing things|everything|stuff|the_situation|progress",
    "monitor|monitoring|explore|exploring|research|researching",
    "figure|figuring out|it",
    "work|working through|out",
    "support|supporting|help|helping the_team|people|others|colleagues|everyone",
    "check|checking in|on_things|on_everyone",
    "chase|chasing things|up",
    "tidy|tidying up_things|things_up",
)
# Heads that name real work: with a time they are a scheduled block, not an intention
# ("Work on the slides Tuesday morning").
SCHEDULED = expand("work|focus|spend_time|spend_an_hour on", "practise|practice|rehearse")
# "Be at the depot by 7", "Be ready for the 9am call": being somewhere at a time is an action.
BE_PLACED = wordset("at in there back ready available present on")
# A vague object: the step says what it is about only as "it", "things", "the situation".
VAGUE_OBJECTS = wordset(
    "it that this things stuff everything something situation issue issues problem problems "
    "matter matters options"
)
# A step that is only better, more or less of something is an intention ("Communicate better").
VAGUE_ADVERBS = wordset(
    "better more less harder properly differently effectively efficiently clearly carefully "
    "positively"
)
# Words that make a step concrete enough for a weak head: a time, a number, a person.
TIME_WORDS = wordset(
    "today tonight tomorrow tmrw tmw monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun weekend week wk month morning afternoon "
    "evening lunchtime noon midday eod eow cob daily weekly monthly every each "
    "january february march april june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec stand-up standup huddle meeting 1:1 "
    "one-to-one 121 before after until by"
)
NUMBER_WORDS = wordset("one two three four five six seven eight nine ten twenty thirty half")
PRONOUNS = wordset("i we you they he she it me us them my our your their his her its")
DETERMINERS = wordset("the a an this that these those some any more less")
