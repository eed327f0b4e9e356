"""The read path: a query over the liaison graph answered by one Cypher statement.

extension.py decides and checks, plan.py compiles the selection, answers.py builds the answer.

After the request is parsed, validated and passed the limits (depth, aliases, tokens, cost),
`CompiledReads` looks at the operation. When every root field is a liaison list
(`deputyGroups`, `committees` …) or `node(id)` of a liaison type, and everything below is a
stored property, `id`, `__typename`, a relationship field (schema/fields.py RELATION_SPECS) or
the parts of a connection, the selection is compiled into reads (graph/liaison/selection.py),
run as one statement, and the answer is put together from its result in one pass: global ids,
cursors and page info are the only things computed here. Anything else — another root field,
a directive, a field with its own resolver (`activities`), an argument the resolvers would
refuse, a viewer without the READ role — leaves the operation to the general executor, which
gives the same answers with per-field resolvers and DataLoaders (tests/schema/test_readpath.py
runs both and compares them). A database that is down or too slow is reported on the first
root field (503/504), not tried a second time.
"""
