//! A relation that uses an id no tag carries.
//!
//! Flags each id in a relation's expression (`[#total]: = isd_staff + dio_staff`) for
//! which no tag `{…}#isd_staff` exists in the file and no relation computes it, and the
//! relation's own id when no tag carries it and no other relation uses it — then there
//! is no stated figure to check. Relations chain: `[#subtotal]: = a + b` with no tag of
//! `subtotal` computes a value that `[#total]: = subtotal + c` uses. Ids defined only
//! through relations that depend on each other (`[#a]: = b + 1`, `[#b]: = a - 1`) have
//! no value and are flagged at their definitions. A relation with an undefined id is not
//! evaluated, so `relation-mismatch` stays silent until the id is tagged.
//!
//! ## Why
//! A relation is a promise that the figures add up. If one of its ids is misspelt or
//! its tag was deleted in an edit, the check silently stops happening; this rule makes
//! that visible.
//!
//! ## Example
//! ```markdown
//! The services employ {roughly 1,050}#total_staff people: {about 640}#isd_staff at
//! the directorate and about 410 at the defence office.
//!
//! [#total_staff]: = isd_staff + dio_staff
//! ```
//! `dio_staff` is not tagged: write `{about 410}#dio_staff`.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::Diagnostic;
use crate::lint::Context;
use crate::lint::quantities::Relation;

use crate::rules::{SuggestionBudget, closest};

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let quantities = ctx.quantities();
    let mut budget = SuggestionBudget::new();
    // A likely typo: a tagged id within two edits, not already used by the relation.
    let mut suggestion = |id: &str, relation: &Relation<'_>| {
        let ids = quantities.ids();
        if !budget.spend(ids.len()) {
            return format!("tag the figure where the text states it: `{{…}}#{id}`");
        }
        let taken: HashSet<&str> = relation
            .expression
            .idents()
            .iter()
            .map(|(i, _)| *i)
            .collect();
        let candidates = ids.iter().copied().filter(|c| {
            !taken.contains(c)
                && *c != relation.definition.id.text
                && strsim::damerau_levenshtein(id, c) <= 2
        });
        match closest(id, candidates) {
            Some(near) => format!("did you mean `{near}`? Otherwise tag the figure: `{{…}}#{id}`"),
            None => format!("tag the figure where the text states it: `{{…}}#{id}`"),
        }
    };
    // Looked up for each relation and id: sets, not scans (a draft may hold thousands).
    let relation_ids: HashSet<&str> = ctx
        .document
        .relations()
        .map(|d| d.id.text.as_str())
        .collect();
    let used_by_relations: HashSet<&str> = quantities
        .relations()
        .iter()
        .flat_map(|r| r.expression.idents().into_iter().map(|(used, _)| used))
        .collect();
    for relation in quantities.relations() {
        let def = relation.definition;
        let own = def.id.text.as_str();
        if quantities.is_cyclic(own) {
            out.push(
                Diagnostic::error(
                    "undefined-quantity",
                    def.id.span,
                    format!("`#{own}` is computed only from relations that depend on it in turn, so it has no value"),
                )
                .with_help(format!(
                    "tag the figure where the text states it: `{{…}}#{own}`; then every relation in the loop can be checked"
                )),
            );
        } else if !quantities.is_tagged(own) && !used_by_relations.contains(own) {
            out.push(
                Diagnostic::error(
                    "undefined-quantity",
                    def.id.span,
                    format!("no tag carries `#{own}`, so relation `#{own}` has nothing to check"),
                )
                .with_help(suggestion(own, relation)),
            );
        }
        // Each id once, at its first use, with its later uses (an expression may hold 256
        // operators: grouped in one pass, not by rescanning).
        let mut uses: HashMap<&str, Vec<std::ops::Range<usize>>> = HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        for (id, range) in relation.expression.idents() {
            uses.entry(id)
                .or_insert_with(|| {
                    order.push(id);
                    Vec::new()
                })
                .push(range);
        }
        for id in order {
            if quantities.is_tagged(id) || quantities.is_computed(id) || quantities.is_cyclic(id) {
                continue;
            }
            let ranges = &uses[id];
            let mut diagnostic = Diagnostic::error(
                "undefined-quantity",
                relation.span_of(ranges[0].clone()),
                format!("`{id}` is used in relation `#{own}` but no tag carries `#{id}`"),
            );
            for again in &ranges[1..] {
                diagnostic = diagnostic.with_label(relation.span_of(again.clone()), "used again");
            }
            let help = if relation_ids.contains(id) {
                format!(
                    "the relation `[#{id}]:` is malformed, so it computes nothing; fix it, or tag the figure: `{{…}}#{id}`"
                )
            } else {
                suggestion(id, relation)
            };
            out.push(diagnostic.with_help(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{findings, flagged};

    #[test]
    fn flags_untagged_operands_once_per_relation() {
        let src =
            "{1,050}#total: {640}#isd_staff\n\n[#total]: = isd_staff + dio_staff + dio_staff\n";
        let found = findings("undefined-quantity", src);
        assert_eq!(flagged(src, &found), ["dio_staff"]);
        assert_eq!(
            found[0].message,
            "`dio_staff` is used in relation `#total` but no tag carries `#dio_staff`"
        );
        assert_eq!(found[0].labels.len(), 1);
    }

    #[test]
    fn suggests_a_near_miss() {
        let src =
            "{1,050}#total: {640}#isd_staff, {410}#dio_staff\n\n[#total]: = isd_staff + dio_staf\n";
        let found = findings("undefined-quantity", src);
        assert_eq!(flagged(src, &found), ["dio_staf"]);
        assert!(found[0].help.as_deref().unwrap().contains("`dio_staff`"));
        // Ids the relation already uses are not suggested, nor distant ones.
        let src = "{1,050}#total: {640}#isd_staff\n\n[#total]: = isd_staff + dio_staff\n";
        let help = findings("undefined-quantity", src)[0].help.clone().unwrap();
        assert!(!help.contains("did you mean"), "{help}");
    }

    #[test]
    fn flags_the_relations_own_id() {
        let src = "{640}#a, {410}#b\n\n[#total]: = a + b\n";
        let found = findings("undefined-quantity", src);
        assert_eq!(flagged(src, &found), ["total"]);
    }

    #[test]
    fn relations_chain() {
        // `c` is computed by its relation and used by `d`'s: nothing is undefined.
        let src = "{2}#a {3}#b {6}#d\n\n[#c]: = a + b\n[#d]: = c + 1\n";
        assert!(findings("undefined-quantity", src).is_empty());
        // An untagged id that no relation uses is still checked against nothing.
        let src = "{2}#a {3}#b\n\n[#c]: = a + b\n";
        let found = findings("undefined-quantity", src);
        assert_eq!(flagged(src, &found), ["c"]);
        // A malformed relation computes nothing.
        let src = "{6}#d\n\n[#c]: a +\n[#d]: = c + 1\n";
        let found = findings("undefined-quantity", src);
        assert_eq!(flagged(src, &found), ["c"]);
        assert!(
            found[0].help.as_deref().unwrap().contains("malformed"),
            "{found:?}"
        );
    }

    #[test]
    fn cycles_have_no_value() {
        let src = "{6}#d\n\n[#a]: = b + 1\n[#b]: = a - 1\n[#d]: = a + b\n";
        let found = findings("undefined-quantity", src);
        assert_eq!(flagged(src, &found), ["a", "b"]);
        assert!(found[0].message.contains("depend on it"), "{found:?}");
    }

    #[test]
    fn tagged_ids_pass_even_without_a_value() {
        assert!(findings("undefined-quantity", "{x}#t {y}#a\n\n[#t]: = a\n").is_empty());
    }
}
