"""B2-B11 analyzers on small hand-built calls with exact expectations."""

from __future__ import annotations

import pytest

from salesleader.analysis import analyze_conversation
from salesleader.config import Config, Product

from .conftest import conversation


def run(turns, sellers=("Sam",), config=None):
    return analyze_conversation(conversation(turns, sellers), config)


def test_behaviours_questions_counts_types_and_who_asks():
    report = run([
        ("Sam", "Walk me through your process. How many agents do you have?"),
        ("Cat", "About forty. Why do you ask?"),
        ("Sam", "Do you use Zendesk? What would change if the backlog disappeared?"),
    ])
    m = report.metrics
    assert m["seller_questions"] == 4
    assert m["customer_questions"] == 1
    assert m["questions_by_type"] == {"exploratory": 1, "open": 1, "factual": 1, "closed": 1,
                                      "confirmation": 0, "leading": 0}
    quotes = [e.quote for e in report.evidence["questions_by_type"]]
    assert quotes[0] == "What would change if the backlog disappeared?"


def test_behaviours_follow_up_builds_on_the_customers_words():
    report = run([
        ("Sam", "How is support going?"),
        ("Cat", "We lost two shippers because the claims queue was slow."),
        ("Sam", "What made the claims queue so slow?"),           # shares claims, queue, slow
        ("Cat", "Staffing."),
        ("Sam", "What's your budget for next year?"),              # a new topic
        ("Cat", "Flat."),
        ("Sam", "You mentioned flat. Tell me more."),               # explicit reference
    ])
    assert report.metrics["follow_up_questions"] == 2
    assert [e.utterance for e in report.evidence["follow_up_questions"]] == [2, 6]


def test_behaviours_a_question_that_moves_on_from_a_long_customer_turn_is_quoted():
    story = ("We lost two shippers last month because the claims queue sat for a week and "
             "nobody could tell them where their money was.")
    report = run([
        ("Sam", "How is support going?"),
        ("Cat", story),
        ("Sam", "Got it. What's your budget for next year?"),   # moves on from the story
        ("Cat", "Flat."),
        ("Sam", "Which tool do you use?"),                     # after a short answer: not quoted
        ("Cat", story),
        ("Sam", "Why did the claims queue sit so long? And who owns it?"),  # builds on it
    ])
    assert report.metrics["follow_up_questions"] == 1
    labelled = [(e.utterance, e.label) for e in report.evidence["follow_up_questions"]]
    assert labelled == [(6, "follow-up"), (2, "not a follow-up")]
    assert report.evidence["follow_up_questions"][1].quote == "What's your budget for next year?"
    # Coached as a weakness it quotes where the seller moved on; as a strength, the follow-up.
    from dataclasses import replace

    from salesleader.coaching import coach
    from salesleader.scoring import score_parts

    part = next(p for p in score_parts(report.metrics, duration_s=None, words_total=100)
                if p.name == "follow_ups")
    for score, group, quoted in ((0.2, "improvements", [2]), (0.9, "strengths", [6])):
        item = coach((replace(part, score=score),), report.metrics, report.evidence,
                     None)[group][0]
        assert [m["utterance"] for m in item["moments"]] == quoted, group


def test_behaviours_follow_up_points_back_at_one_of_the_customers_words():
    report = run([
        ("Cat", "We lost two big retailers last quarter."),
        ("Sam", "What did those retailers tell you?"),      # "those": the ones just named
        ("Cat", "Nothing much."),
        ("Sam", "Do retailers use your app?"),              # one shared word, no pointer
        ("Cat", "Some retailers do."),
        ("Sam", "Which retailers?"),                        # not a pointer
        ("Cat", "Claims were rejected for two weeks."),
        ("Sam", "What did that two weeks cost you?"),       # one word between
    ])
    assert [e.utterance for e in report.evidence["follow_up_questions"]] == [1, 7]


def test_behaviours_follow_up_asks_about_what_they_said_happens_or_whom_they_named():
    report = run([
        ("Cat", "Nobody types at night, and billing goes out the next morning."),
        ("Sam", "How much earlier does billing go out, in days?"),   # their clause, asked
        ("Cat", "We lost two big retailers last quarter."),
        ("Sam", "Do retailers use your app?"),                     # a new thing about them
        ("Cat", "Our controller would care about the billing days."),
        ("Sam", "I'd love to have her. What would she need to see?"),  # the person named
        ("Cat", "The weather was bad all week."),
        ("Sam", "What did she say about it?"),                     # nobody named: moved on
    ])
    assert [e.quote for e in report.evidence["follow_up_questions"] if e.label == "follow-up"] == [
        "How much earlier does billing go out, in days?", "What would she need to see?"]
    # A next step asked of the person they named digs into nothing.
    report = run([
        ("Cat", "I'd have to talk to our practice manager. She handles the vendors."),
        ("Sam", "Totally. Can you loop her in today?"),
    ])
    assert report.metrics["follow_up_questions"] == 0


def test_behaviours_follow_up_digs_into_what_was_just_said():
    report = run([
        ("Cat", "We lost two big retailers because refunds took three weeks."),
        ("Sam", "Why did refunds take so long?"),          # why, about a word of theirs
        ("Cat", "The finance team reviews each one."),
        ("Sam", "What happened there?"),                   # "there": what was just said
        ("Cat", "They were short-staffed all spring."),
        ("Sam", "Do retailers use your app?"),             # moves on
        ("Cat", "Some do, and they complain about it."),
        ("Sam", "What made them complain?"),               # "them": those just named
    ])
    assert [e.utterance for e in report.evidence["follow_up_questions"]] == [1, 3, 7]


def test_behaviours_explicit_follow_up_cues_match_whole_words():
    report = run([
        ("Sam", "What does your week look like?"),
        ("Cat", "Mostly meetings with the board."),
        ("Sam", "How soon could you start a pilot?"),     # not "how so"
        ("Cat", "March."),
        ("Sam", "What happens next?"),                     # asks to hear more
    ])
    assert [e.utterance for e in report.evidence["follow_up_questions"]] == [4]


def test_behaviours_a_prompt_to_say_more_is_a_follow_up():
    report = run([
        ("Sam", "How is support going?"),
        ("Cat", "Honestly, it is a mess."),
        ("Sam", "How so?"),                                # builds on "a mess", no shared word
        ("Cat", "Tickets bounce between teams."),
        ("Sam", "Such as?"),
        ("Cat", "Billing and shipping."),
        ("Sam", "For example, do you use Zendesk?"),       # a new question, not a prompt
    ])
    assert [e.utterance for e in report.evidence["follow_up_questions"]] == [2, 4]
    assert report.metrics["questions_by_type"]["open"] == 3  # "How is…", "How so?", "Such as?"


def test_behaviours_self_answered_by_a_figure_guessed_aloud():
    report = run([
        ("Sam", "How many agents do you have? Forty, fifty?"), ("Cat", "Sixty."),
        ("Sam", "How big is the claims team? Maybe a dozen?"), ("Cat", "Eight."),
        ("Sam", "How many shifts? Is it more than two?"), ("Cat", "Three."),  # a real question
    ])
    assert [e.quote for e in report.evidence["self_answered_questions"]] == [
        "How many agents do you have?", "How big is the claims team?"]


def test_behaviours_asking_leave_to_speak_is_not_answering_oneself():
    report = run([
        ("Cat", "We migrated everything at once."),
        ("Sam", "Can I add something? The failed rollouts we see usually skip the data "
                "cleanup, so the reps never trust what they find."),
        ("Cat", "Hm."),
        ("Sam", "Can I add two more users? The licence covers forty seats and you have "
                "thirty-eight people on the team today."),
    ])
    assert [e.quote for e in report.evidence["self_answered_questions"]] == [
        "Can I add two more users?"]
    # Leave to tell what follows, stutter and all: the telling is no self-answer, and
    # "the ones that…" speaks of peers.
    report = run([
        ("Cat", "Pick rates dropped fifteen percent after the migration."),
        ("Sam", "Can I, can I share what we usually see after migrations? The slotting gets "
                "carried over as is. The ones that re-slot in the first month get it back."),
        ("Cat", "Huh."),
        ("Sam", "Can I ask what drove the migration? It was the old vendor's contract ending, "
                "from what I heard at the conference."),
    ])
    assert [e.quote for e in report.evidence["self_answered_questions"]] == [
        "Can I ask what drove the migration?"]
    assert [e.quote for e in report.evidence["insight_statements"]] == [
        "The ones that re-slot in the first month get it back."]


def test_behaviours_self_answered_questions_need_a_real_answer_not_a_clarification():
    report = run([
        ("Sam", "How would that help you? Well, it means you get everything moved over in two "
                "weeks with zero downtime and a dedicated manager."),
        ("Cat", "Okay."),
        ("Sam", "And how do your customers feel it? I mean the retailers."),
        ("Cat", "They are angry."),
        ("Sam", "What else? Who else should we talk to?"),     # stacked, not answered
    ])
    assert report.metrics["self_answered_questions"] == 1
    assert report.evidence["self_answered_questions"][0].quote == "How would that help you?"


def test_behaviours_self_answered_by_a_short_guess_or_an_answer_offered_to_confirm():
    report = run([
        ("Sam", "How many people touch each order? Probably three or four."),   # a guess
        ("Cat", "Five."),
        ("Sam", "What's the biggest problem today? I'd guess it's the manual entry, right?"),
        ("Cat", "Partly."),
        ("Sam", "What's your timeline? And who signs off?"),   # stacked: not answered
        ("Cat", "March, and our COO."),
        ("Sam", "Do you track churn? I mean by segment."),    # a clarification
        ("Cat", "No."),
        ("Sam", "Is it weekly? Is it daily?"),                 # closed, then closed
    ])
    assert [e.quote for e in report.evidence["self_answered_questions"]] == [
        "How many people touch each order?", "What's the biggest problem today?"]
    # A guess the seller makes is configurable like every cue list.
    config = Config.model_validate({"lexicons": {"self_answers": ["i reckon"]}})
    turns = [("Sam", "What's the hold-up? I reckon it's legal."), ("Cat", "Yes.")]
    assert run(turns).metrics["self_answered_questions"] == 0
    assert run(turns, config=config).metrics["self_answered_questions"] == 1


def test_behaviours_discovery_coverage_by_area():
    report = run([
        ("Sam", "What's your budget for this?"),
        ("Cat", "Small."),
        ("Sam", "Who else signs off on a decision like this?"),
        ("Cat", "Our COO."),
        ("Sam", "How do your customers experience the delays?"),
        ("Cat", "They call us a lot. Our customers expect updates. Our customers feel ignored."),
    ])
    coverage = report.metrics["discovery_coverage"]
    assert coverage["constraints"] == 1
    assert coverage["decision_process"] == 1
    assert coverage["customers_customer"] == 1
    assert coverage["risk"] == 0
    assert report.metrics["discovery_areas_covered"] == 3


def test_behaviours_discovery_areas_covered_quotes_every_covered_area_labelled():
    # An area the customer opens up unasked counts toward the coverage, so it is quoted
    # too: a number of areas must point at a moment for each.
    report = run([
        ("Sam", "What's your budget for this?"),
        ("Cat", "Small. The board wants churn under five percent. That is the goal this year."),
        ("Sam", "Okay."),
        ("Cat", "Our goal is fewer escalations. Success for us is a quiet inbox."),
    ])
    covered = report.metrics["discovery_areas_covered"]
    evidence = report.evidence["discovery_areas_covered"]
    assert covered >= 2 and len(evidence) == covered
    by_area = {e.label: e for e in evidence}
    assert by_area["constraints"].speaker == "Sam"
    told = [e for e in evidence if e.speaker == "Cat"]
    assert told and all(report.metrics["discovery_customer_mentions"][e.label] >= 2
                        for e in told)
    assert [e.label for e in report.evidence["discovery_coverage"]] == ["constraints"]


def test_behaviours_discovery_areas_in_everyday_sales_questions():
    report = run([
        ("Sam", "What else is on your plate this year?"), ("Cat", "A lot."),
        ("Sam", "What are you hoping to achieve?"), ("Cat", "Calm."),
        ("Sam", "What would your CFO need to see to say yes?"), ("Cat", "Numbers."),
    ])
    coverage = report.metrics["discovery_coverage"]
    assert (coverage["initiatives"], coverage["aspirations_fears"],
            coverage["decision_process"]) == (1, 1, 1)


@pytest.mark.parametrize(("question", "area"), [
    ("What prompted you to take this call?", "drivers"),
    ("What could slow this down?", "constraints"),
    ("What would you love to see happen?", "aspirations_fears"),
    ("Where do you want the team to be next year?", "aspirations_fears"),
    ("How do you usually buy software like this?", "decision_process"),
])
def test_behaviours_discovery_areas_in_more_everyday_questions(question, area):
    report = run([("Sam", question), ("Cat", "Good question, let me think.")])
    assert report.metrics["discovery_coverage"][area] == 1


def test_behaviours_discovery_reads_key_accounts_and_what_keeps_an_executive_up():
    report = run([
        ("Sam", "Who are your biggest accounts and what do they expect from you?"),
        ("Cat", "Three retailers."),
        ("Sam", "What keeps your CEO up at night?"), ("Cat", "Churn."),
        ("Sam", "Is your accounts team involved?"), ("Cat", "Yes."),  # not their customers
    ])
    coverage = report.metrics["discovery_coverage"]
    assert (coverage["customers_customer"], coverage["aspirations_fears"]) == (1, 1)


def test_behaviours_discovery_knows_the_customers_customers_by_name():
    report = run([
        ("Cat", "We lost two big retailers last quarter."),
        ("Sam", "What did those retailers tell you when they left?"),
        ("Cat", "Refunds were slow."),
        ("Sam", "Do your guests notice the wait?"),
        ("Cat", "Yes."),
        ("Sam", "Do you use a ticketing system?"),
    ])
    assert report.metrics["discovery_coverage"]["customers_customer"] == 2


def test_behaviours_discovery_knows_a_school_districts_parents():
    report = run([("Sam", "How do your parents hear from the school when a student is out?"),
                  ("Cat", "An automated call in English.")])
    assert report.metrics["discovery_coverage"]["customers_customer"] == 1


def test_behaviours_discovery_knows_whose_customers_are_named():
    # The seller asking about "your biggest customers" or plain "customers" asks about the
    # customer's customers; "our customers" from the seller, "your customers" from the
    # customer and "customers like you" are the seller's, and a customer success team is
    # a team.
    report = run([
        ("Sam", "Who are your biggest customers?"), ("Cat", "Retail chains."),
        ("Sam", "How do those enterprise customers react when checkout breaks?"),
        ("Cat", "Badly. Our enterprise customers call their account managers. "
                "Their own customers are stuck."),
        ("Sam", "Do customers complain first or your sales team?"), ("Cat", "Customers."),
        ("Sam", "Is your customer success team involved?"), ("Cat", "Yes."),
        ("Sam", "Do you want to talk to our customers?"), ("Cat", "How do your customers use it?"),
        ("Sam", "Would customers like you need training?"), ("Cat", "Your other clients did?"),
    ])
    coverage = report.metrics["discovery_coverage"]
    assert coverage["customers_customer"] == 3
    quoted = [e.quote for e in report.evidence["discovery_coverage"]
              if e.label == "customers_customer"]
    assert quoted == ["Who are your biggest customers?"]
    assert report.metrics["discovery_customer_mentions"]["customers_customer"] == 3
    # The words for the people served are data, extendable like every cue list.
    turns = [("Sam", "How do your fans react?"), ("Cat", "Loudly.")]
    config = Config.model_validate({"lexicons": {"discovery.customer_nouns": ["fans"]}})
    assert run(turns).metrics["discovery_coverage"]["customers_customer"] == 0
    assert run(turns, config=config).metrics["discovery_coverage"]["customers_customer"] == 1


def test_behaviours_discovery_a_statement_narrowing_a_question_counts_for_it():
    report = run([
        ("Cat", "Our two biggest shippers have service credits in their contracts."),
        ("Sam", "What does a late pickup cost you? I'm thinking of your customers."),
        ("Cat", "Credits, mostly."),
        ("Sam", "What does it cost you? We serve customers like you in forty states."),
        ("Cat", "A lot."),
        ("Sam", "How do you plan the week? Specifically for your customers."),
        ("Cat", "By hand."),
    ])
    quoted = [e.quote for e in report.evidence["discovery_coverage"]
              if e.label == "customers_customer"]
    assert quoted == ["What does a late pickup cost you?"]  # then once more, not the pitch
    assert report.metrics["discovery_coverage"]["customers_customer"] == 2
    # "our two biggest shippers": the carrier's customers, with words between
    assert report.metrics["discovery_customer_mentions"]["customers_customer"] == 1


def test_behaviours_discovery_people_the_customer_called_theirs_need_no_owner_after():
    report = run([
        ("Sam", "Do the distributors see the dates?"),     # nobody has claimed them yet
        ("Cat", "Two of our distributors got wrong delivery dates."),
        ("Sam", "How are the distributors doing now?"),    # theirs, said back
        ("Cat", "One is fine."),
        ("Sam", "Do the dealers get alerts too?"),          # never called theirs
        ("Cat", "No."),
        ("Sam", "What happens to a distributor who waits a week?"),  # one of them
        ("Cat", "They call us."),
        ("Sam", "Is a dealer told?"),                       # one of nobody's
    ])
    quoted = [e.quote for e in report.evidence["discovery_coverage"]
              if e.label == "customers_customer"]
    assert quoted == ["How are the distributors doing now?"]
    assert report.metrics["discovery_coverage"]["customers_customer"] == 2


def test_behaviours_feature_dump_and_premature_pitch_use_product_terms():
    dump = ("Beacon has routing, dashboards, SLA alerts and the analytics module. "
            "The platform integrates with Salesforce and the AI copilot drafts replies. "
            "We also have a mobile app, single sign-on and customizable reports, plus the "
            "routing builder and an omnichannel inbox with automation features for every team. "
            "The dashboard gives real-time reporting, the workflows are no-code, the API is "
            "open, pricing has three tiers and implementation takes two weeks with our team. "
            "Every feature is configurable and the new release adds forecasting too.")
    config = Config(product=Product(terms=("Beacon", "routing builder", "AI copilot")))
    early = run([("Sam", "Hi."), ("Cat", "Hello."), ("Sam", dump), ("Cat", "Okay.")],
                config=config)
    assert early.metrics["feature_dumps"] == 1
    assert early.metrics["premature_pitch"] is True
    assert any("premature_pitch" in n for n in early.notes)
    later = run([
        ("Sam", "What happens today? Why now? How many tickets? What would success look like?"),
        ("Cat", "Lots of tickets, we need it by May."),
        ("Sam", dump), ("Cat", "Okay."),
    ], config=config)
    assert later.metrics["feature_dumps"] == 1
    assert later.metrics["premature_pitch"] is False
    short = run([("Sam", "Beacon has dashboards."), ("Cat", "Nice.")], config=config)
    assert short.metrics["feature_dumps"] == 0


def test_behaviours_feature_dump_of_generic_feature_talk_needs_no_product_terms():
    pitch = ("So let me tell you a bit about us. We are the leading platform for field "
             "service, with scheduling, route optimization, real-time tracking, a customer "
             "portal, invoicing and notifications, and we connect to the tools you already "
             "have. Our technicians love the mobile app, your office staff will love the "
             "templates, and your customers will love that every visit is on time, every "
             "single time, which is why so many companies like yours are moving over to us "
             "this year before their busy season starts.")
    report = run([("Sam", pitch), ("Cat", "Okay.")])
    assert report.metrics["feature_dumps"] == 1
    assert report.metrics["premature_pitch"] is True


def test_behaviours_a_short_burst_of_features_is_a_dump_when_three_times_as_dense():
    burst = ("Hey Tom, it's great to meet you. So let me tell you a bit about us. We're the "
             "leading platform for field service, we've got AI scheduling, route "
             "optimization, real-time tracking, a customer portal, invoicing, and over two "
             "hundred integrations.")                        # 40 words, 9 feature phrases (23 %)
    report = run([("Sam", burst), ("Cat", "Okay.")])
    assert report.metrics["feature_dumps"] == 1
    assert report.metrics["premature_pitch"] is True
    story = ("We worked with a plumbing company last year that had the same problem with "
             "emergency calls, and the owner told me the hard part was never the tools, it "
             "was getting the office and the techs to agree on who calls the customer "
             "back, so that is where we started with them.")    # 50 words, no features
    assert run([("Sam", story), ("Cat", "Hm.")]).metrics["feature_dumps"] == 0


def test_behaviours_advice_requests_include_asking_how_they_compare():
    report = run([
        ("Sam", "How is the backlog?"),
        ("Cat", "Three days. Is that normal? Which option would you pick?"),
        ("Sam", "It depends."),
        ("Cat", "What's the price?"),                  # about the product, not advice
    ])
    assert [e.quote for e in report.evidence["advice_requests"]] == [
        "Is that normal?", "Which option would you pick?"]


def test_behaviours_advice_requests_include_what_peers_get_wrong_and_what_we_should_do():
    report = run([
        ("Sam", "How is the backlog?"),
        ("Cat", "Three days. Do you think we should wait? What mistakes do people usually make?"),
        ("Sam", "It depends."),
        ("Cat", "What do you see working at other carriers? How long does the setup take?"),
    ])
    assert [e.quote for e in report.evidence["advice_requests"]] == [
        "Do you think we should wait?", "What mistakes do people usually make?",
        "What do you see working at other carriers?"]


def test_behaviours_advice_requests_include_whether_others_see_it_too():
    report = run([("Sam", "So the rollout is late."), ("Cat", "Is this what others see too?"),
                  ("Sam", "Often.")])
    assert report.metrics["advice_requests"] == 1


def test_behaviours_advice_requests_include_what_the_teams_that_do_it_well_do():
    report = run([
        ("Sam", "How is the backlog?"),
        ("Cat", "Bad. What do the teams that handle it well actually do differently?"),
        ("Sam", "They plan."),
        ("Cat", "What are the best teams doing about launch spikes? How have other banks "
                "handled this?"),
        ("Sam", "Routing."),
        ("Cat", "What does your product do differently? How do the teams that use your "
                "dashboard like it?"),                          # about the product
    ])
    assert [e.quote for e in report.evidence["advice_requests"]] == [
        "What do the teams that handle it well actually do differently?",
        "What are the best teams doing about launch spikes?",
        "How have other banks handled this?"]


def test_behaviours_advice_requests_only_from_customers():
    report = run([
        ("Sam", "What would you recommend I read?"),
        ("Cat", "In your experience, what actually works for teams like ours?"),
        ("Cat", "We like your product."),
        ("Dee", "How do other companies handle this?"),
    ])
    assert report.metrics["advice_requests"] == 2
    assert [e.speaker for e in report.evidence["advice_requests"]] == ["Cat", "Dee"]


def test_behaviours_empowering_versus_pressure():
    report = run([
        ("Sam", "It depends on what matters most to you. One option is a pilot."),
        ("Cat", "Hmm."),
        ("Sam", "But if you sign by Friday I can give you twenty percent. Trust me."),
    ])
    assert report.metrics["empowering_statements"] == 2
    assert report.metrics["pressure_statements"] == 2


def test_behaviours_pressure_from_deadlines_and_scarcity_the_seller_sets():
    report = run([
        ("Sam", "This price is only good until Friday."),
        ("Cat", "Hm."),
        ("Sam", "We only have two slots left this quarter."),
        ("Cat", "Okay."),
        ("Sam", "I'll close by summarizing what we heard."),      # closing the meeting
        ("Cat", "Sure."),
        ("Sam", "It might not be the right fit for you, and that's okay."),
    ])
    assert [e.utterance for e in report.evidence["pressure_statements"]] == [0, 2]
    assert [e.utterance for e in report.evidence["empowering_statements"]] == [6]


def test_behaviours_added_feature_words_are_generic_unless_marked_as_our_product():
    turns = [("Sam", "What we're seeing is that teams who adopt a route optimizer cut empty "
                     "miles by a fifth."),
             ("Cat", "Hm."),
             ("Sam", "Studies show the fleet brain cuts empty miles by a fifth.")]
    config = Config.model_validate({"lexicons": {"features": ["route optimizer"],
                                                 "features.own": ["fleet brain"]}})
    assert [e.utterance for e in run(turns, config=config).evidence["insight_statements"]] == [0]


def test_behaviours_advice_requests_beyond_the_product_and_from_peers():
    turns = [
        ("Kim", "What are you seeing other logistics companies do about driver turnover?"),
        ("Sam", "Most raise pay for night shifts."),
        ("Kim", "Which tier would you recommend, the pro or the basic?"),     # the product
        ("Sam", "Pro."),
        ("Kim", "How do your other customers use your dashboard?"),          # the product
        ("Sam", "Daily."),
        ("Kim", "In your experience, what pricing works for shippers like ours?"),  # beyond
        ("Sam", "Flat fees."),
        ("Kim", "Would you recommend Pipeline Pro for a team our size?"),   # a product term
    ]
    config = Config(product=Product(terms=("Pipeline Pro",)))
    report = run(turns, sellers=("Sam",), config=config)
    assert [e.utterance for e in report.evidence["advice_requests"]] == [0, 6]


def test_behaviours_pressure_from_a_held_discount_and_the_fear_of_being_left_behind():
    report = run([
        ("Sam", "If we don't get this signed this week, I can't hold the discount."),
        ("Cat", "Hm."),
        ("Sam", "Everyone else in your industry has already switched."),
        ("Cat", "Okay."),
        ("Sam", "We already switched the demo environment over to your data."),  # no push
        ("Cat", "Sure."),
        ("Sam", "You could go either way; it depends on whether speed or cost matters more."),
    ])
    assert [e.utterance for e in report.evidence["pressure_statements"]] == [0, 2]
    assert [e.utterance for e in report.evidence["empowering_statements"]] == [6]


def test_behaviours_pressure_from_an_expiring_discount_and_haste():
    report = run([
        ("Sam", "the discount really does expire on the thirtieth so the sooner the better"),
        ("Cat", "i don't want to rush this"),
        ("Sam", "The discount expires Friday."),
        ("Cat", "Okay."),
        ("Sam", "You should get the report before the end of the month."),        # a date
        ("Cat", "Good."),
        ("Sam", "Our trial licence expires in May, so there's time to decide."),   # no push
        ("Cat", "Good."),
        ("Sam", "I can hold this pricing through Friday."),
        ("Cat", "Hm."),
        ("Sam", "We will hold the price for three years."),                      # a promise
        ("Cat", "Good."),
        ("Sam", "Take the time you need to decide."),                   # grants time
        ("Cat", "Thanks."),
        ("Sam", "Whatever works best for you."),
    ])
    assert [e.utterance for e in report.evidence["pressure_statements"]] == [0, 2, 8]
    assert [e.utterance for e in report.evidence["empowering_statements"]] == [12, 14]


def test_behaviours_advice_with_an_obligation_is_no_pressure():
    report = run([
        ("Sam", "You need to talk to your CFO first, since she owns the budget."),  # counsel
        ("Cat", "Good point."),
        ("Sam", "You have to check whether IT has capacity in March."),           # counsel
        ("Cat", "They don't."),
        ("Sam", "Then don't rush this. There's no deadline on our side."),        # empowering
        ("Cat", "Thanks."),
        ("Sam", "This offer expires Friday, so you need to decide now."),         # pressure
        ("Cat", "Hm."),
        ("Sam", "You have to commit this week to keep the price."),               # pressure
    ])
    assert [e.utterance for e in report.evidence["pressure_statements"]] == [6, 8]
    assert [e.quote for e in report.evidence["empowering_statements"]] == [
        "Then don't rush this.", "There's no deadline on our side."]


def test_behaviours_empowering_defers_to_the_customers_judgement():
    report = run([
        ("Sam", "You know your team better than I do."),
        ("Cat", "True."),
        ("Sam", "Let's decide together whether the pilot is worth it."),
        ("Cat", "Okay."),
        ("Sam", "Our routing is better than theirs."),     # a claim, not deference
    ])
    assert [e.utterance for e in report.evidence["empowering_statements"]] == [0, 2]


def test_behaviours_empowering_keeps_a_way_out_open():
    report = run([
        ("Sam", "If the incident log isn't clean, you walk away without a penalty."),
        ("Cat", "Good."),
        ("Sam", "Does that seem like a fair way to decide?"),
        ("Cat", "It does."),
        ("Sam", "Their discount is not my business, that's between you and them."),
        ("Cat", "Right."),
        ("Sam", "Customers walk away from spreadsheets once they see it."),  # no way out
    ])
    assert [e.utterance for e in report.evidence["empowering_statements"]] == [0, 2, 4]


def test_behaviours_insight_excludes_talk_about_the_product():
    report = run([
        ("Sam", "What we're seeing across the industry is that teams who own their knowledge "
                "base cut repeat questions by a third."),
        ("Cat", "Interesting."),
        ("Sam", "Benchmarks show our platform is the fastest."),
    ])
    assert report.metrics["insight_statements"] == 1


def test_behaviours_insight_is_vetoed_by_our_product_not_by_a_feature_word():
    # "pricing", "automation", "reporting" name the customer's world as often as a
    # product: only the seller's own product (by "our", by name) makes it a pitch.
    turns = [
        ("Sam", "What we usually see is that teams who automate their scheduling cut "
                "overtime by a fifth."),                                 # insight
        ("Cat", "Hm."),
        ("Sam", "Across our customers, pricing is rarely the real reason for churn."),  # insight
        ("Cat", "Okay."),
        ("Sam", "What we're seeing is that our analytics cut churn in half."),  # our feature
        ("Cat", "Sure."),
        ("Sam", "Industry benchmarks show Pipeline Pro users forecast better."),  # a term
        ("Cat", "Right."),
        ("Sam", "Studies show the leading platform wins."),  # a marketing claim
    ]
    config = Config(product=Product(terms=("Pipeline Pro",)))
    report = run(turns, config=config)
    assert [e.utterance for e in report.evidence["insight_statements"]] == [0, 2]


def test_behaviours_insight_from_many_peers_named_by_the_seller():
    # A word for the customer's peers is insight in a frame that speaks of many of them;
    # the same word alone, or "most customers" (a claim about the product), is not.
    report = run([
        ("Sam", "Across the carriers we work with, the ones that got claims under five days "
                "triaged by size on day one."),
        ("Cat", "Hm."),
        ("Sam", "Most insurers triage by claim size now."),
        ("Cat", "Okay."),
        ("Sam", "The hospitals we work with staff the night shift differently."),
        ("Cat", "Sure."),
        ("Sam", "Most customers see a return within a month."),        # a product claim
        ("Cat", "Right."),
        ("Sam", "The teams in your region are busy this week."),       # no frame of many
    ])
    assert [e.utterance for e in report.evidence["insight_statements"]] == [0, 2, 4]


def test_behaviours_insight_from_peers_described_between_the_frame_and_the_noun():
    # "across other field service companies": words describing the peers may stand
    # between the frame and the word for them; a count or "top" makes them some of the
    # customer's own ("the top twenty shippers", "the other two companies").
    report = run([
        ("Sam", "One thing we see across other field service companies is that short voice "
                "notes work."),
        ("Cat", "Hm."),
        ("Sam", "Most mid-size regional carriers staff the desk at night."),
        ("Cat", "Okay."),
        ("Sam", "One option is to start with the top twenty shippers only."),   # their own
        ("Cat", "Sure."),
        ("Sam", "We beat the other two companies on price."),                  # a count
        ("Cat", "Right."),
        ("Sam", "Most of them said carriers were slow."),                      # no frame
    ])
    assert [e.utterance for e in report.evidence["insight_statements"]] == [0, 2]


@pytest.mark.parametrize(("line", "metric"), [
    ("Industry-wide, claim volumes are up about twenty percent this year.",
     "insight_statements"),
    ("What tends to happen is the backlog grows right before renewals.", "insight_statements"),
    ("Typically, the carriers who fix intake first see the fastest gains.",
     "insight_statements"),
    ("Given the January renewals, triage comes first.", "reasoning_statements"),
    ("Start with intake, since that's where the backlog starts.", "reasoning_statements"),
    ("In six months' time, the claims backlog could be under a day.",
     "grounded_vision_statements"),
])
def test_behaviours_insight_reasoning_and_vision_in_everyday_words(line, metric):
    report = run([("Sam", "How is it going?"),
                  ("Cat", "Our claims backlog is three days and renewals start in January."),
                  ("Sam", line)])
    assert report.metrics[metric] == 1


def test_behaviours_a_push_in_the_words_of_peers_is_no_insight():
    report = run([
        ("Sam", "We help clinics like yours cut no-shows, and honestly it's a no-brainer for "
                "most practices."),
        ("Cat", "Okay."),
        ("Sam", "Most practices like yours fill the Monday gaps from a waitlist."),
    ])
    assert [e.utterance for e in report.evidence["insight_statements"]] == [2]
    assert report.metrics["pressure_statements"] == 1


def test_behaviours_an_answer_about_peers_given_with_the_product_is_no_insight():
    # Asked what other finance teams do, the seller answers with the tool and a discount:
    # neither the feature talk nor the push after it is what peers do.
    report = run([
        ("Cat", "How do other teams get department heads to approve on time?"),
        ("Sam", "Honestly, the tool does it for you, the reminders just work. If you sign "
                "before the end of the month I can get you twenty percent off."),
        ("Cat", "I'd need to talk to our controller first."),
    ])
    assert report.metrics["insight_statements"] == 0
    assert report.metrics["advice_requests"] == 1


def test_behaviours_call_with_a_skeptical_buyer_reads_insight_proof_and_reasoning():
    report = run([
        ("Cat", "I'm skeptical of any vendor promising quick wins."),
        ("Sam", "What would you need to see in the first month to believe this one is "
                "different?"),
        ("Cat", "Real usage by week three."),
        ("Sam", "That's the most common pattern I see. Teams that migrate only two years of "
                "accounts get adoption twice as fast, in our experience."),
        ("Cat", "Interesting."),
        ("Sam", "Then based on what you've said, a pilot with one team could answer your "
                "CFO's question."),
    ])
    m = report.metrics
    assert m["discovery_coverage"]["success_criteria"] == 1
    assert m["insight_statements"] == 2
    assert [e.utterance for e in report.evidence["reasoning_statements"]] == [5]


def test_behaviours_no_insight_inside_a_feature_dump():
    dump = ("This is the dashboard with live tracking, route optimization and geofencing. "
            "Up top is the driver scorecard with alerts, idle reports and fuel analytics. "
            "We integrate with most providers through our open API, and the mobile app has "
            "navigation plus proof of delivery. The maintenance module predicts service "
            "intervals, and the AI dispatch assistant reassigns loads automatically with "
            "workflows, integrations, automation features and a reporting module.")
    report = run([("Sam", "Hi."), ("Cat", "Hello."), ("Sam", dump), ("Cat", "Okay."),
                  ("Sam", "Most insurers triage by claim size now.")])
    assert report.metrics["feature_dumps"] == 1
    assert [e.utterance for e in report.evidence["insight_statements"]] == [4]


def test_behaviours_follow_up_picks_up_the_word_the_customer_answered_with():
    report = run([
        ("Sam", "Where is it still falling short?"),
        ("Cat", "Referrals. When we send a patient to a specialist, nobody knows if they went."),
        ("Sam", "How do the clinics in your network track referrals today?"),  # the headline
        ("Cat", "We send a fax to the clinic and hope."),
        ("Sam", "How many clinics are in the network?"),  # "clinic" said inside a sentence
    ])
    assert [e.quote for e in report.evidence["follow_up_questions"]
            if e.label == "follow-up"] == [
        "How do the clinics in your network track referrals today?"]


def test_behaviours_follow_up_picks_up_a_name_the_customer_said():
    report = run([
        ("Sam", "How did the review go?"),
        ("Cat", "Harlow asked whether we had fixed the backlog yet. It was awkward."),
        ("Sam", "What did you tell Harlow?"),                     # one word, a name
        ("Cat", "That we are working on it."),
        ("Sam", "What did you tell them about the working group?"),  # "working": no name
    ])
    assert [e.quote for e in report.evidence["follow_up_questions"]
            if e.label == "follow-up"] == ["What did you tell Harlow?"]


def test_behaviours_insight_in_answer_to_what_their_peers_do():
    report = run([
        ("Cat", "How do other carriers your size handle the reporting?"),
        ("Sam", "Good question. Some do it in a spreadsheet, and it tends to die within "
                "a quarter. The ones that stick with it make one person accountable."),
        ("Cat", "What would you recommend for us?"),                # no peers asked about
        ("Sam", "I would start with the Monday plan and nothing else."),
        ("Cat", "And how do other teams use your dashboard?"),      # about the product
        ("Sam", "Our dashboard shows every lane on one screen."),
        ("Cat", "What do others do about it?"),
        ("Sam", "Across the carriers we work with, most hire a planner."),  # already insight
    ])
    # The answer's first statement counts for answering; a later one counts by its own
    # words ("The ones that…" speak of peers), not twice for the answer.
    assert [e.quote for e in report.evidence["insight_statements"]] == [
        "Some do it in a spreadsheet, and it tends to die within a quarter.",
        "The ones that stick with it make one person accountable.",
        "Across the carriers we work with, most hire a planner."]
    # A colleague who answers: the hand-over is no insight, the answer is.
    report = run([
        ("Kenji", "Can I ask what you've seen at other carriers our size?"),
        ("Omar", "Jess has seen more of those than I have."),
        ("Jess", "Most of the regional carriers we work with did the intake first."),
        ("Kenji", "That's uncomfortable to hear, but fair."),
    ], sellers=("Omar", "Jess"))
    assert [e.quote for e in report.evidence["insight_statements"]] == [
        "Most of the regional carriers we work with did the intake first."]
    assert report.metrics["advice_requests"] == 1  # "what you've seen", "our size"


def test_behaviours_a_feature_named_predictor_is_no_insight_and_a_title_no_sentence_end():
    report = run([
        ("Cat", "We had a hygienist idle for two hours. I'd have to ask Dr. Okafor."),
        ("Sam", "So that's where the no-show predictor comes in. The best predictor of "
                "a no-show is a missed visit last year."),
        ("Cat", "Hm."),
        ("Sam", "What would Dr. Okafor need to see first?"),
        ("Cat", "Numbers. Dr. Okafor likes numbers."),
        ("Sam", "Can we get something on the calendar with Dr. Okafor this week?"),
    ])
    assert [e.quote for e in report.evidence["insight_statements"]] == [
        "The best predictor of a no-show is a missed visit last year."]
    # each one question; the first picks up the name the customer said, the second
    # proposes a next step: no digging deeper
    assert [e.quote for e in report.evidence["seller_questions"]] == [
        "What would Dr. Okafor need to see first?",
        "Can we get something on the calendar with Dr. Okafor this week?"]
    assert [e.quote for e in report.evidence["follow_up_questions"]
            if e.label == "follow-up"] == ["What would Dr. Okafor need to see first?"]


def test_behaviours_peers_after_the_product_are_its_results_and_a_loss_held_over_presses():
    report = run([
        ("Sam", "Our platform does automated recalls and online booking. Most practices "
                "see a twenty percent lift in production."),           # the product's results
        ("Cat", "Okay."),
        ("Sam", "Most practices lose a hygienist day a month to no-shows."),  # insight
        ("Cat", "We do."),
        ("Sam", "It pays for itself. You don't want to leave that on the table."),
    ])
    assert [e.quote for e in report.evidence["insight_statements"]] == [
        "Most practices lose a hygienist day a month to no-shows."]
    assert [e.quote for e in report.evidence["pressure_statements"]] == [
        "You don't want to leave that on the table."]


def test_behaviours_insight_from_what_the_seller_has_seen_elsewhere():
    report = run([
        ("Sam", "What we've seen with other retailers is that the delay usually comes from "
                "the handoff, not the agents."),
        ("Cat", "Hm."),
        ("Sam", "We've seen your proposal."),          # seen, but nothing learned elsewhere
        ("Cat", "Good."),
        ("Sam", "Teams like yours rarely need more agents."),
    ])
    assert [e.utterance for e in report.evidence["insight_statements"]] == [0, 4]


def test_behaviours_insight_from_what_companies_of_their_size_run_into():
    report = run([
        ("Sam", "A lot of companies your size hit a wall around fifty agents."),
        ("Cat", "Hm."),
        ("Sam", "A lot of teams use our dashboard for that."),  # our product: no insight
        ("Cat", "Okay."),
        ("Sam", "Many teams at your stage outgrow spreadsheets within a year."),
    ])
    assert [e.utterance for e in report.evidence["insight_statements"]] == [0, 4]


def test_behaviours_insight_from_studies_data_and_what_predicts_what():
    report = run([
        ("Sam", "Across our customers, the median backlog is two days."),
        ("Cat", "Hm."),
        ("Sam", "The biggest predictor of churn is response time."),
        ("Cat", "Okay."),
        ("Sam", "I'll send half of the deck tonight."),        # a number, no finding
        ("Cat", "Thanks."),
        ("Sam", "Most teams underestimate the data cleanup."),
    ])
    assert [e.utterance for e in report.evidence["insight_statements"]] == [0, 2, 6]


def test_behaviours_vision_grounded_in_the_customers_words_and_reasoning():
    report = run([
        ("Cat", "Our claims backlog is three days and renewals start in January."),
        ("Sam", "Picture January with the claims backlog under a day."),     # reuses words
        ("Cat", "Sure."),
        ("Sam", "Imagine a world with flying cars."),                       # ungrounded
        ("Cat", "Ha."),
        ("Sam", "Because renewals start in January, I would start with claims."),
    ])
    m = report.metrics
    assert m["grounded_vision_statements"] == 1
    assert m["ungrounded_vision_statements"] == 1
    assert m["reasoning_statements"] == 1


def test_behaviours_vision_question_that_paints_the_customers_scene_is_grounded():
    # A question that sets the scene from the customer's words builds the picture with
    # them (the coaching bank suggests exactly this); one asking for their picture, or
    # painting nothing of theirs, is a question and no vision statement either way.
    report = run([
        ("Cat", "The technicians call in their job notes from the basement, and billing "
                "waits a week."),
        ("Sam", "If you imagine next winter, with notes coming in from the basement the same "
                "hour the job closes, what changes for billing?"),
        ("Cat", "Billing goes out the next morning."),
        ("Sam", "What would success look like for billing by January?"),
        ("Cat", "Fewer calls."),
        ("Sam", "Imagine a world without spreadsheets, what would you do?"),
    ])
    m = report.metrics
    assert [e.utterance for e in report.evidence["grounded_vision_statements"]] == [1]
    assert m["ungrounded_vision_statements"] == 0
    assert m["questions_by_type"]["exploratory"] >= 1  # still a question as well


def test_behaviours_a_negotiation_leaves_the_criteria_and_the_concern_to_the_customer():
    # The customer's own criteria decide ("it depends on what your CFO needs to see"),
    # and "That's a fair question" after a voiced concern acknowledges it; after a plain
    # question it is only politeness.
    report = run([
        ("Cat", "Honestly, the price is the problem. My CFO asked why we'd pay more."),
        ("Sam", "That's a fair question for her to ask."),
        ("Cat", "Can you do ninety?"),
        ("Sam", "Here are two ways. It depends on what your CFO needs to see first."),
        ("Cat", "And when does the pilot start?"),
        ("Sam", "That's a fair question. In March."),
        ("Cat", "Fine."),
        ("Sam", "Who else will look at it before you decide?"),  # a time, not the choice
        ("Cat", "Our HR director."),
        ("Sam", "Then it's yours to decide what goes first."),
    ])
    assert [e.quote for e in report.evidence["acknowledged_concerns"]] == [
        "That's a fair question for her to ask."]
    assert [e.quote for e in report.evidence["empowering_statements"]] == [
        "It depends on what your CFO needs to see first.",
        "Then it's yours to decide what goes first."]


def test_behaviours_their_deadline_said_back_is_no_vision_of_the_sellers():
    report = run([
        ("Sam", "Last time you said the board wants a plan for the expansion by March."),
        ("Cat", "Yes, the board wants a plan by March."),
        ("Sam", "Based on what you told me, picture the plan signed by March."),
    ])
    assert [e.utterance for e in report.evidence["grounded_vision_statements"]] == [2]
    assert report.metrics["ungrounded_vision_statements"] == 0


def test_behaviours_vision_reasoning_and_sympathy_in_a_sellers_own_words():
    report = run([
        ("Cat", "Our claims backlog is three days, renewals start in January, and the team "
                "is exhausted."),
        ("Sam", "That sounds exhausting. I can imagine that's frustrating."),  # sympathy
        ("Cat", "It is."),
        ("Sam", "By the time renewals start, your team could be working a same-day claims "
                "queue."),                                              # a grounded vision
        ("Cat", "Maybe."),
        ("Sam", "I'd start small, since your team is exhausted."),      # reasoning shown
    ])
    m = report.metrics
    assert (m["grounded_vision_statements"], m["ungrounded_vision_statements"]) == (1, 0)
    assert m["reasoning_statements"] == 1
    assert [e.quote for e in report.evidence["acknowledged_concerns"]] == [
        "That sounds exhausting.", "I can imagine that's frustrating."]


def test_behaviours_acknowledging_a_concern_the_customer_was_asked_about():
    # A soft "that makes sense" acknowledges a concern when the customer voiced one, or
    # answered the seller's question about one; "that's a real pain" names it outright.
    report = run([
        ("Sam", "What would make you hesitant about a new tool right now?"),
        ("Cat", "Timing. We can't change anything during quarter close."),
        ("Sam", "That makes sense."),                                   # answered a worry
        ("Cat", "And the tickets come in unlabelled, the spikes still crush us."),
        ("Sam", "That's a real pain. I hear you."),                      # both
        ("Cat", "We use Zendesk today."),
        ("Sam", "That makes sense."),                                   # nothing voiced
    ])
    assert [e.quote for e in report.evidence["acknowledged_concerns"]] == [
        "That makes sense.", "That's a real pain.", "I hear you."]
    assert report.evidence["acknowledged_concerns"][0].utterance == 2
    coverage = report.metrics["discovery_coverage"]
    assert coverage["risk"] == 1  # what would hold them back


def test_behaviours_discovery_customer_success_is_a_team_not_a_criterion():
    report = run([
        ("Sam", "Is your customer success team involved?"),
        ("Cat", "Our customer success managers own renewals. Customer success is stretched."),
        ("Sam", "What does success look like for your customer success team?"),
        ("Cat", "Fewer escalations."),
        ("Sam", "How will you know the success team is doing well?"),
    ])
    m = report.metrics
    assert m["discovery_coverage"]["success_criteria"] == 2
    assert m["discovery_customer_mentions"]["success_criteria"] == 0


def test_behaviours_discovery_asks_who_owns_it_and_who_could_stop_it():
    report = run([("Sam", "Who on your side owns that relationship?"), ("Cat", "Priya."),
                  ("Sam", "Who runs support today?"), ("Cat", "Raj."),
                  ("Sam", "Who's responsible for the renewal?"), ("Cat", "Me."),
                  ("Sam", "Who might push back on that?"), ("Cat", "Legal."),
                  ("Sam", "What does she care about most when something goes wrong?")])
    coverage = report.metrics["discovery_coverage"]
    assert coverage["decision_process"] == 4
    assert (coverage["risk"], coverage["aspirations_fears"]) == (1, 1)


def test_behaviours_reasoning_shown_as_consequences_and_trade_offs():
    report = run([
        ("Sam", "Bring legal in as reviewers. That way she has a say without owning it."),
        ("Cat", "Okay."),
        ("Sam", "Start in January, otherwise you learn on the peak queue."),
        ("Cat", "Hm."),
        ("Sam", "The trade-off is speed against her comfort."),
        ("Cat", "Sure."),
        ("Sam", "You need to sign today, otherwise the price goes up."),   # pressure
        ("Cat", "No."),
        ("Sam", "We can do it either way."),                              # no reasoning
        ("Cat", "Fine."),
        ("Sam", "It's been a year since you rolled out the scheduling module."),  # the time
        ("Cat", "It has."),
        ("Sam", "Since your team is stretched, I'd start with one clinic."),  # the reason
    ])
    assert [e.utterance for e in report.evidence["reasoning_statements"]] == [0, 2, 4, 12]


def test_behaviours_vision_named_by_its_date_or_by_the_change_in_place():
    report = run([
        ("Cat", "Our claims queue is three days long and the brokers keep calling about claims."),
        ("Sam", "Fast forward to next spring: your claims queue is down to a day."),
        ("Cat", "Okay."),
        ("Sam", "Once this is in place, the brokers won't need to call about claims."),
        ("Cat", "Okay."),
        ("Sam", "We could have your claims queue clear by March."),
        ("Cat", "Okay."),
        ("Sam", "Can you send me the report by March?"),        # a question: no vision
        ("Cat", "Sure."),
        ("Sam", "We may need a week to set it up."),             # "may" the modal
        ("Cat", "Fine."),
        ("Sam", "A single claims queue could be live before the spring storms."),
    ])
    assert [e.utterance for e in report.evidence["grounded_vision_statements"]] == [1, 3, 5,
                                                                                   11]
    assert report.metrics["ungrounded_vision_statements"] == 0


def test_behaviours_vision_referring_back_counts_within_the_sellers_turn_only():
    report = run([
        ("Sam", "You mentioned the audit."),
        ("Cat", "Right."),
        ("Sam", "Imagine a quieter quarter."),      # the reference was before Cat spoke
        ("Cat", "Okay."),
        ("Sam", "You said the audit hurt. Imagine a smoother one."),  # refers, same turn
    ])
    m = report.metrics
    assert m["grounded_vision_statements"] == 1
    assert m["ungrounded_vision_statements"] == 1


def test_behaviours_acknowledged_concerns_soft_ones_need_a_voiced_concern():
    report = run([
        ("Cat", "I'm worried the rollout will fail again."),
        ("Sam", "That makes sense."),                 # soft, after a concern: counts
        ("Cat", "The weather is nice."),
        ("Sam", "That makes sense."),                 # soft, no concern: does not
        ("Cat", "Okay."),
        ("Sam", "That's a fair concern."),            # strong: counts
    ])
    assert report.metrics["acknowledged_concerns"] == 2


def test_behaviours_acknowledged_concerns_in_the_words_people_use_for_strain():
    report = run([
        ("Cat", "We lost two shippers and my VP is worried we'll lose more."),
        ("Sam", "That sounds stressful."),
        ("Cat", "And the team is stretched."),
        ("Sam", "That must be difficult with peak season coming."),
        ("Cat", "Yes."),
        ("Sam", "That sounds good to me."),            # no strain named: does not count
        ("Cat", "Worst case a patient gets worse and nobody notices."),
        ("Sam", "That's a real risk, clinically and for the practice."),
    ])
    assert [e.quote for e in report.evidence["acknowledged_concerns"]] == [
        "That sounds stressful.", "That must be difficult with peak season coming.",
        "That's a real risk, clinically and for the practice."]


def test_behaviours_acknowledged_concerns_by_owning_the_failure():
    report = run([
        ("Cat", "People here are frustrated. The sync broke twice last month."),
        ("Sam", "That's awful, and I'm sorry."),          # owns it: counts
        ("Cat", "One distributor escalated to our CEO."),
        ("Sam", "I'm sorry."),                              # soft, after a concern: counts
        ("Cat", "Can we move the call to Friday?"),
        ("Sam", "I'm sorry, Friday is full."),              # soft, no concern: does not
        ("Cat", "The other one still wants a discount, which I don't love."),
        ("Sam", "That's reasonable."),
    ])
    assert [e.quote for e in report.evidence["acknowledged_concerns"]] == [
        "That's awful, and I'm sorry.", "I'm sorry.", "That's reasonable."]


def test_behaviours_a_three_way_customer_argument_heard_out():
    report = run([
        ("Lucia", "The process isn't fine, we have three intake forms."),
        ("Kenji", "Because the system forced us into them."),
        ("Omar", "It sounds like there are two views in the room. Amara, where do you land?"),
        ("Amara", "We lost one agency in September over the delays."),
        ("Omar", "That's a real cost. Then let's build that plan together."),
    ], sellers=("Omar",))
    assert report.metrics["questions_by_type"]["open"] == 1  # a position asked for
    assert [e.quote for e in report.evidence["acknowledged_concerns"]] == [
        "That's a real cost."]
    assert [e.quote for e in report.evidence["empowering_statements"]] == [
        "Then let's build that plan together."]
    assert report.metrics["customer_to_customer_turns"] == 1


def test_behaviours_a_cold_call_that_leaves_the_customer_the_way_out():
    report = run([
        ("Sam", "Do you have thirty seconds, and you can hang up on me after?"),
        ("Cat", "Thirty seconds."),
        ("Sam", "How long until new temps pick accurately?"),
        ("Cat", "Three weeks. Last year a client threatened to pull their account."),
        ("Sam", "What did that client end up doing?"),           # theirs, said back
        ("Cat", "They stayed, but my boss wasn't happy."),
        ("Sam", "I can imagine."),                                 # after a voiced worry
        ("Cat", "Send me something."),
        ("Sam", "I'll send a note, and you can say no to the next call."),
    ])
    assert [e.quote for e in report.evidence["empowering_statements"]] == [
        "Do you have thirty seconds, and you can hang up on me after?",
        "I'll send a note, and you can say no to the next call."]
    assert [e.quote for e in report.evidence["acknowledged_concerns"]] == ["I can imagine."]
    assert report.metrics["discovery_coverage"]["customers_customer"] == 1


def test_behaviours_roles_the_customer_names_as_theirs():
    report = run([
        ("Sam", "Who else needs to be comfortable?"),
        ("Cat", "Our COO, and legal will want to see the data terms."),  # both theirs
        ("Sam", "Does your CFO sign?"),                                 # the seller's words
        ("Cat", "Our claims director does, and my boss. Their CEO called us too."),
        ("Sam", "Got it."),
        ("Cat", "The director of the museum liked it."),                  # nobody's
    ])
    assert [(e.label, e.utterance) for e in report.evidence["people_mentioned"]] == [
        ("COO", 1), ("legal", 1), ("claims director", 3), ("boss", 3)]
    assert report.metrics["people_mentioned"] == 4
    # "The CFO will want…", "the board approved…": with "the", a role that decides right
    # after is theirs too; "the CEO of a retailer", "the board said" are not.
    report = run([
        ("Sam", "Who signs?"),
        ("Cat", "The CFO will want to see the numbers, and the board approved the budget."),
        ("Sam", "Okay."),
        ("Cat", "We sold to the CEO of a big retailer once. Like the VP said, it's early."),
    ])
    assert [e.label for e in report.evidence["people_mentioned"]] == ["CFO", "board"]
    # A role that heads something is named with it; a manager is theirs, their account
    # manager the vendor's.
    report = run([
        ("Sam", "Who else?"),
        ("Cat", "Our head of procurement wants a second quote, and my manager signs off."),
        ("Sam", "Okay."),
        ("Cat", "Our account manager at the old vendor left. The steering committee will decide."),
    ])
    assert [e.label for e in report.evidence["people_mentioned"]] == [
        "head of procurement", "manager", "steering committee"]
    report = run([("Sam", "Who else?"),
                  ("Cat", "I'd want our family engagement director in that conversation.")])
    assert [e.label for e in report.evidence["people_mentioned"]] == [
        "family engagement director"]


def test_behaviours_acknowledged_concerns_named_as_a_worry():
    report = run([
        ("Cat", "If the rollout slips, we miss the January renewals."),
        ("Sam", "That's a real worry, and it makes sense with renewals so close."),
        ("Cat", "And legal is slow."),
        ("Sam", "I can see why that worries you."),
    ])
    assert [e.utterance for e in report.evidence["acknowledged_concerns"]] == [1, 3]


def test_behaviours_a_playback_announced_is_quoted_by_its_check_not_its_preface():
    report = run([
        ("Cat", "Compliance work eats the time advisory needs, so we work weekends."),
        ("Sam", "Let me make sure I've got this. The weekends are the symptom, and "
                "compliance work eats the time advisory needs."),
        ("Cat", "Yes."),
        ("Sam", "Let me make sure I understand. What's the budget?"),  # no playback follows
    ])
    assert [e.quote for e in report.evidence["reflective_statements"]] == [
        "The weekends are the symptom, and compliance work eats the time advisory needs."]


def test_behaviours_acknowledgements_in_the_words_people_use():
    # After a voiced worry: "I get why…", "You're right to…", "Totally fair", "makes total
    # sense"; named outright: "a legitimate worry", "a real problem". "I get why" with no
    # worry voiced is no acknowledgement.
    said = ["I get why you'd be skeptical.", "You're right to push on that.",
            "Totally fair.", "That makes total sense.", "That's a legitimate worry."]
    for line in said:
        report = run([("Sam", "How is it going?"), ("Cat", "Honestly, I'm worried about it."),
                      ("Sam", line)])
        assert report.metrics["acknowledged_concerns"] == 1, line
    report = run([("Sam", "How is it going?"), ("Cat", "We picked the blue plan."),
                  ("Sam", "I get why you chose it.")])
    assert report.metrics["acknowledged_concerns"] == 0


@pytest.mark.parametrize(("line", "metric"), [
    ("Happy to go at whatever pace works for you.", "empowering_statements"),
    ("You're in the driver's seat here.", "empowering_statements"),
    ("I'd rather you make the call that's right for you.", "empowering_statements"),
    ("Everyone else is already signing up.", "pressure_statements"),
    ("My manager needs this closed this month.", "pressure_statements"),
])
def test_behaviours_stance_in_everyday_words(line, metric):
    report = run([("Sam", "How is it going?"), ("Cat", "Busy, the rollout is late."),
                  ("Sam", line)])
    assert report.metrics[metric] == 1
    other = "pressure_statements" if metric == "empowering_statements" else "empowering_statements"
    assert report.metrics[other] == 0


def test_behaviours_a_long_run_about_their_topic_is_no_playback():
    # Speech-to-text with no sentence breaks: a whole answer about split shifts reuses
    # the customer's words without playing them back; a short paraphrase does.
    customer = "we build split shifts by hand for every site and the managers copy last week"
    long_run = ("here's how that looks in the scheduler you set each site's shift templates once "
                "a split shift is two blocks on the same day with a break between and the "
                "scheduler won't let you put one person in two sites at the same time and your "
                "managers copy last week with one click and only fix what changed")
    report = run([("Cat", customer), ("Sam", long_run)])
    assert report.metrics["reflective_statements"] == 0
    report = run([("Cat", customer), ("Sam", "so your managers copy last week's split shifts "
                                             "by hand for every site")])
    assert report.metrics["reflective_statements"] == 1


def test_behaviours_playing_back_and_naming_the_hurt():
    report = run([
        ("Cat", "We lost two big retailers last quarter because refunds took three weeks."),
        ("Sam", "If I'm following you, the three-week refunds drove those retailers away."),
        ("Cat", "Yes, and the second one was our biggest account."),
        ("Sam", "Losing your biggest account over refunds, that hurts."),
        ("Cat", "It does."),
        ("Sam", "The real problem is our competitor's pricing."),  # the seller's own claim
    ])
    assert [e.utterance for e in report.evidence["reflective_statements"]] == [1]
    assert [e.utterance for e in report.evidence["acknowledged_concerns"]] == [3]


def test_behaviours_agreeing_with_a_proposal_is_not_reflective_listening():
    report = run([
        ("Kim", "Sales promises dates that onboarding can't hit, and customers escalate."),
        ("Sam", "Sounds like a plan is missing between the two teams."),   # plays it back
        ("Kim", "We could do a weekly sync."),
        ("Sam", "Sounds like a plan."),                                      # agrees
        ("Kim", "And share the calendar."),
        ("Sam", "That sounds like a great idea, thank you."),                # agrees
    ])
    assert [e.utterance for e in report.evidence["reflective_statements"]] == [1]


def test_behaviours_reflective_listening_and_customer_focus_ratio():
    report = run([
        ("Cat", "Our support team spends hours every week answering the same onboarding "
                "questions."),
        ("Sam", "So your support team answers the same onboarding questions every week."),
        ("Cat", "Yes."),
        ("Sam", "It sounds like that wears people down."),
        ("Cat", "It does."),
        ("Sam", "We built our product for this and I think we can help."),
    ])
    m = report.metrics
    assert m["reflective_statements"] == 2
    # you/your: your (1); I/we: we, our, i, we (4)
    assert m["customer_focus_ratio"] == round(1 / 5, 3)


def test_behaviours_a_so_summary_of_their_turn_is_reflective_listening():
    report = run([
        ("Helen", "Nobody owned the forecasting tool after the pilot. The two people "
                  "trained on it left in spring."),
        ("Sam", "Understood. So the pilot worked but nobody owned it once those people "
                "left."),                                             # summarises them
        ("Helen", "Is the pilot part of the price?"),
        ("Sam", "So the pilot is part of the price, yes."),           # answers a question
        ("Helen", "Good. The pilot and the training matter to us."),
        ("Sam", "So we include the pilot and the training."),         # the seller's side
    ])
    assert [e.quote for e in report.evidence["reflective_statements"]] == [
        "So the pilot worked but nobody owned it once those people left."]


def test_behaviours_customer_focus_does_not_count_the_me_of_a_request():
    report = run([
        ("Sam", "Tell me about your week. Walk me through the dispatch desk."),  # your
        ("Cat", "Busy."),
        ("Sam", "Let me show you what we built."),  # you; me, we
    ])
    # you/your: your, you (2); I/we: me, we (2) — not the "me" of the two requests
    assert report.metrics["customer_focus_ratio"] == 0.5


def test_behaviours_lexicons_extend_from_config():
    from salesleader.config import load_config

    turns = [("Sam", "Per our field study, half of clinics overbook."), ("Cat", "Wow.")]
    assert run(turns).metrics["insight_statements"] == 0
    config = Config.model_validate({"lexicons": {"insight": ["per our field study"]}})
    assert run(turns, config=config).metrics["insight_statements"] == 1
    assert load_config(None, search_dir=__import__("pathlib").Path("/nonexistent")) == Config()


def test_behaviours_question_cue_lists_extend_from_config():
    turns = [("Sam", "Paint me the whole story of your rollout."), ("Cat", "Sure.")]
    assert run(turns).metrics["seller_questions"] == 0
    config = Config.model_validate({"lexicons": {"question_cues.start": ["paint me the whole"]}})
    assert run(turns, config=config).metrics["seller_questions"] == 1
    # Short sentences are remembered across calls: per set of cue lists, never across them.
    short = [("Sam", "Sketch me the plan."), ("Cat", "Sure.")]
    assert run(short).metrics["seller_questions"] == 0
    config = Config.model_validate({"lexicons": {"question_cues.start": ["sketch me"]}})
    assert run(short, config=config).metrics["seller_questions"] == 1
    assert run(short).metrics["seller_questions"] == 0


def test_behaviours_question_preambles_extend_from_config():
    turns = [("Sam", "between the two of us what really happened"), ("Cat", "sure")]
    assert run(turns).metrics["seller_questions"] == 0
    config = Config.model_validate(
        {"lexicons": {"question_cues.preamble": ["between the two of us"]}})
    assert run(turns, config=config).metrics["seller_questions"] == 1


def test_behaviours_added_requests_also_cut_runs_without_punctuation():
    """Speech-to-text with no punctuation at all: a request salesleader.toml adds opens a
    sentence inside a run, as the bundled "walk me through" does."""
    said = "we run four clinics across the state {} the plan for next year"
    bundled = [("Sam", said.format("walk me through")), ("Cat", "sure")]
    assert run(bundled).evidence["seller_questions"][0].quote == "walk me through the plan for next year"
    added = [("Sam", said.format("sketch me")), ("Cat", "sure")]
    assert run(added).metrics["seller_questions"] == 0
    config = Config.model_validate({"lexicons": {"question_cues.start": ["sketch me"]}})
    report = run(added, config=config)
    assert [e.quote for e in report.evidence["seller_questions"]] == ["sketch me the plan for next year"]


def test_behaviours_a_recap_or_confirmation_plays_the_customer_back():
    report = run([
        ("Cat", "We need refunds in a day."),
        ("Sam", "Great."),
        ("Cat", "And one owner per ticket."),
        ("Sam", "Okay. Just to confirm, you want refunds in a day and one owner per ticket?"),
        ("Cat", "Yes."),
        ("Sam", "To recap: faster refunds, clear ownership."),
        ("Cat", "Right."),
        ("Sam", "Just to be clear, we do not discount."),     # about the seller's terms
    ])
    assert [e.utterance for e in report.evidence["reflective_statements"]] == [3, 5]


def test_behaviours_follow_up_framed_by_a_statement_in_the_same_utterance():
    report = run([
        ("Cat", "The context switching kills us."),
        ("Sam", "You said context switching. What does that cost you?"),  # framed
        ("Cat", "An hour a day."),
        ("Sam", "Do you use Zendesk? And how big is the team?"),         # no frame
    ])
    assert [e.utterance for e in report.evidence["follow_up_questions"]] == [1]
    assert [e.quote for e in report.evidence["reflective_statements"]] == [
        "You said context switching."]


def test_behaviours_asking_leave_before_steering_is_empowering():
    report = run([
        ("Sam", "Would it be okay if I asked a few questions before I show anything?"),
        ("Cat", "Sure."),
        ("Sam", "Should we build that together before you talk to her?"),
        ("Cat", "Yes."),
        ("Sam", "Is it okay to send the contract today?"),   # asks leave to close: no
    ])
    assert [e.utterance for e in report.evidence["empowering_statements"]] == [0, 2]


def test_behaviours_statements_inside_an_unpunctuated_run_are_read_one_by_one():
    # Speech-to-text without punctuation: the run is cut where a statement opens, so the
    # insight is not vetoed by the product mention said after it, and each option counts.
    report = run([
        ("Cat", "so how do other carriers handle this"),
        ("Sam", "good question what we're seeing across carriers is that the teams who fix "
                "ownership first get most of the benefit that's true whether or not you ever "
                "use our product"),
        ("Cat", "okay"),
        ("Sam", "then it depends on what matters most to you you could start with the "
                "knowledge base alone or pair it with a pilot"),
        ("Cat", "right"),
        ("Sam", "i wanted to go back to what you mentioned earlier about the renewal dates"),
    ])
    assert report.metrics["insight_statements"] == 1
    assert report.evidence["insight_statements"][0].quote.endswith("most of the benefit")
    assert report.metrics["empowering_statements"] == 2
    # No cut right after a word that binds the opener to it: "what you mentioned".
    from salesleader.language.document import LanguageView
    from salesleader.model import Utterance

    view = LanguageView([Utterance(0, "Sam", "i wanted to go back to what you mentioned "
                                             "earlier about the renewal dates")])
    assert len(view.sentences[0]) == 1


def test_behaviours_a_transcript_without_question_marks_says_how_it_was_read():
    from salesleader.analysis import UNPUNCTUATED_NOTE

    flat = run([("Sam", "how is support going"), ("Cat", "slow since the migration")])
    assert UNPUNCTUATED_NOTE in flat.notes
    assert flat.metrics["seller_questions"] == 1  # still found, by its words
    marked = run([("Sam", "How is support going?"), ("Cat", "Slow since the migration.")])
    assert UNPUNCTUATED_NOTE not in marked.notes


def test_behaviours_a_call_not_in_english_says_its_figures_may_not_mean_much():
    french = run([
        ("Sam", "Bonjour à tous, merci d'être là. Où en êtes-vous avec le projet de support?"),
        ("Cat", "Nos équipes passent beaucoup de temps sur les tickets répétitifs, surtout le "
                "lundi matin, et les clients attendent trop longtemps une réponse."),
        ("Sam", "Qu'est-ce qui changerait pour vos clients si ce temps était divisé par deux?"),
        ("Cat", "Ils seraient plus satisfaits, et nous pourrions enfin travailler sur les "
                "projets importants de l'année prochaine."),
    ])
    assert any(n.startswith("few English words (0%") for n in french.notes), french.notes
    english = run([("Sam", "Thanks for joining. How is support going for your team this "
                           "quarter, and what has changed since the migration?"),
                   ("Cat", "It has been slow since the migration, and the team is tired of "
                           "answering the same questions from new clients every single week.")])
    assert not any(n.startswith("few English words") for n in english.notes)


def test_behaviours_sentence_openers_extend_from_config():
    from salesleader.analyzers.context import Call

    text = "we looked at three vendors last quarter the bottom line is nobody fit our workflow"
    turns = [("Sam", "how did the search go"), ("Cat", text)]
    config = Config.model_validate({"lexicons": {"sentence_openers": ["the bottom line is"]}})
    plain = Call(conversation(turns), Config()).language.sentences[1]
    extended = Call(conversation(turns), config).language.sentences[1]
    assert len(plain) == 1
    assert [s.text for s in extended] == ["we looked at three vendors last quarter",
                                          "the bottom line is nobody fit our workflow"]
