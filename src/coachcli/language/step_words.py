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
    "is_going_to|am_gonna|are_gonna|'ll|am_to|are_to|intend_to|commit_to|"
    "agree_to|agreed_to|promise_to -|then|also|first",
    "going_to|gonna|gunna|let's|lets -|then|also|first",
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
    "hope|aim|plan|want|like|wish|mean|hoping|aiming|planning|wanting|meaning|endeavour|"
    "endeavor|strive|striving to",
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
    " fingers crossed",
    " all being well",
    " touch wood",
    " with any luck",
    " with luck",
    " god willing",
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
# Said after the subject and dropped with it: "I really should…", "I'll definitely send…".
SUBJECT_ADVERBS = wordset("really definitely actually honestly genuinely seriously certainly")

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
    "manage|managing my_time|time|stress|expectations|things|better|the_situation|my_stress|"
    "my_workload|workload|my_emotions|emotions|my_anger|my_energy|my_feelings|my_nerves",
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

# The commitment check (``coachcli.language.step_shape``).
# A question asked instead of a step: "Should I email Tom?", "How do I get them on board?".
QUESTION_AUX = wordset("should shall do does did can could would will is are am must may might")
QUESTION_WH = wordset("what how who which why where whether")
WH_NEXT = wordset(
    "should shall do does did can could would will is are am must to should i'm i'd i'll"
)
SUBJECT_PRONOUNS = wordset("i we you they he she it")
# Timing that leaves the day open: "Email the client soon", "Book the MOT asap".
VAGUE_TIMES = wordset(
    "soon soonish soon-ish asap a.s.a.p shortly someday sometime whenever later eventually"
)
VAGUE_TIME_PHRASES = (
    "in due course", "in the near future", "at a later date", "down the line",
    "some day", "in a bit", "in a while", "before too long", "when i can", "when we can",
    "over time", "at some point", "when things calm down", "when it calms down",
)  # fmt: skip
# "later" is concrete when a time follows it: "later today", "no later than Friday".
LATER_OK = wordset("today tonight this than on in that")
# "when I get a chance", "if we have time", "once I've got a minute": a way out.
CHANCE_WORDS = wordset("chance time moment minute minutes sec second opportunity round around")
CHANCE_OPENERS = wordset("if when once whenever")
# Too big to be one step: a whole culture, system or life rather than a first piece of it.
BIG_VERBS = wordset(
    "fix change transform overhaul rewrite restructure solve turn revamp reorganise reorganize "
    "redesign rebuild reinvent reform modernise modernize rethink redo sort transforming "
    "overhauling fixing changing rewriting restructuring solving improve improving"
)
ALWAYS_BIG = wordset(
    "transform overhaul revamp reinvent reform modernise modernize revolutionise revolutionize "
    "transforming overhauling"
)
BIG_OBJECTS = wordset(
    "culture whole entire everything crisis life organisation organization company "
    "department system systems world morale everyone everybody"
)
# Saying what not to do: "Stop being late", "Don't be so defensive", "Never miss a deadline".
NEGATIVE_HEADS = wordset("stop stopping quit quitting don't dont never avoid avoiding not no won't")
# "The report will get done", "It gets sorted": a step nobody owns.
PASSIVE_AUX = expand(
    "will|should|must|shall|'ll|can|would|might be|get|have_been|be_getting",
    "needs|need|has|have|ought|is_going|are_going|is_gonna|are_gonna to be|get",
    "gets|get|got|is|are|was|were|is_getting|are_getting|being",
)
PARTICIPLES = wordset(
    "done sorted sent written made taken given seen paid built set put read shown known found "
    "kept held met brought bought told won run begun chosen fixed dealt sold spent thought "
    "understood undertaken"
)
# Areas of a life rather than tasks: "Get my work-life balance sorted", "Sort my finances out".
LIFE_AREAS = wordset(
    "life balance work-life head finances money health act priorities confidence wellbeing "
    "well-being mindset career future sleep diet fitness habits"
)
LIFE_ENDS = wordset("sorted out right straight together order track")
# Big words count when they end what is changed ("across the company"), not as a modifier
# ("the company newsletter").
WHOLE_PLACES = wordset("organisation organization company department system systems")
BIG_AFTER = wordset("on in at across for with and so to that of")
OWNERLESS_HEADS = wordset("the it it'll this that things everything stuff a an all my our")
