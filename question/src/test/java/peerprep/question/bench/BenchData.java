package peerprep.question.bench;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import peerprep.question.Cursor;
import peerprep.common.vocab.Difficulty;
import peerprep.question.ListQuery;
import peerprep.question.ListStatement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Generates the benchmark's questions inside PostgreSQL and explains the service's main queries over them. */
final class BenchData {
  static final String[] TOPICS = {"arrays", "strings", "hashing", "two-pointers", "linked-lists", "stacks-queues", "trees",
    "graphs", "dynamic-programming", "greedy", "sorting-searching", "bit-manipulation"};
  /** Every generated description has one word "quarkN" with N below this: a rare word for searches. */
  static final int RARE_WORDS = 5_000;
  private static final String VOCABULARY = "array,string,window,pointer,matrix,graph,tree,node,edge,path,cost,sum,count,"
    + "interval,sort,search,binary,heap,queue,stack,list,merge,split,prefix,suffix,range,query,update,minimum,maximum,"
    + "length,distance,grid,island,route,depot,parcel,budget,schedule,meeting,room,ticket,train,station,city,road,"
    + "bridge,tower,coin,ladder,step,jump,river,garden,orchard,lantern,festival,library,shelf,book,letter,word,"
    + "sentence,code,signal,bit,mask,parity,pair,triple,target,capacity,weight,value,profit,price,stock,day,week,"
    + "hour,minute,robot,sensor,reading,temperature,score,player,team,round,game,board,cell,color,paint,wall";

  private BenchData() {
  }

  /** Inserts {@code n} questions and their pick rows in one statement each, then refreshes the planner's statistics. */
  static Future<Void> load(Pool pool, int n) {
    String insert = "WITH vocab AS (SELECT string_to_array($2, ',') AS w)"
      + " INSERT INTO questions (id, slug, title, description, topics, difficulty, examples, constraints, hints,"
      + " starter_code, created_at, updated_at)"
      + " SELECT gen_random_uuid(), 'generated-' || i,"
      + " 'Generated ' || initcap(w[1 + i % cardinality(w)]) || ' ' || initcap(w[1 + (i / 7) % cardinality(w)]) || ' ' || i,"
      + " (SELECT string_agg(w[1 + (k * 31 + floor(random() * cardinality(w))::int) % cardinality(w)], ' ')"
      + "   FROM generate_series(1, 30 + i % 40) AS k)"
      + "   || ' quark' || (i % $3) || '.',"
      + " CASE WHEN i % 3 = 0 THEN ARRAY[($4::text[])[1 + i % 12], ($4::text[])[1 + (i % 12 + 1 + (i / 12) % 11) % 12]]"
      + "   ELSE ARRAY[($4::text[])[1 + i % 12]] END,"
      + " (ARRAY['Easy', 'Medium', 'Hard'])[1 + (i / 12) % 3]::question_difficulty,"
      + " '[{\"input\": \"n = 3\", \"output\": \"6\"}]'::jsonb, '{\"1 <= n <= 10^5\"}', '{\"Start small.\"}',"
      + " '{\"python\": \"class Solution:\\n    def solve(self, n):\\n        pass\"}'::jsonb,"
      + " now() - make_interval(mins => i), now() - make_interval(mins => i) + make_interval(secs => (random() * 600)::int)"
      + " FROM vocab, generate_series(1, $1) AS i";
    return pool.preparedQuery(insert).execute(Tuple.of(n, VOCABULARY, RARE_WORDS, TOPICS))
      .compose(v -> pool.query("INSERT INTO question_topics (question_id, topic, difficulty, pick_key, title_key, created_at,"
        + " updated_at) SELECT id, t, difficulty, random(), title_key, created_at, updated_at FROM questions, unnest(topics) AS t")
        .execute())
      .compose(v -> pool.query("VACUUM ANALYZE questions").execute())
      .compose(v -> pool.query("VACUUM ANALYZE question_topics").execute())
      .mapEmpty();
  }

  static Future<List<String>> idsOf(Pool pool, String topic, String difficulty, int limit) {
    return pool.preparedQuery("SELECT question_id FROM question_topics WHERE topic = $1"
        + " AND difficulty = $2::text::question_difficulty ORDER BY random() LIMIT $3")
      .execute(Tuple.of(topic, difficulty, limit))
      .map(rows -> {
        List<String> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.getUUID(0).toString()));
        return ids;
      });
  }

  /** A listing as the service parses it from a query string. */
  static ListQuery query(List<String> topics, List<Difficulty> difficulties, String search, ListQuery.Sort sort,
                         boolean descending, int page, int size, Cursor after) {
    return new ListQuery(topics, difficulties, search, sort, descending, page, size, after);
  }

  /** The plans of the service's heaviest statements, as the repositories send them (parameters bound). */
  static Future<List<String>> explain(Pool pool, List<String> excluded, Map<String, Cursor> cursors) {
    String candidate = "SELECT question_id FROM question_topics WHERE topic = 'arrays' AND difficulty = 'Medium'"
      + " AND question_id <> ALL('{" + String.join(",", excluded) + "}'::uuid[])";
    Map<String, ListStatement.Statement> statements = new LinkedHashMap<>();
    statements.put("list, no filter, page 1", list(List.of(), List.of(), null, ListQuery.Sort.TITLE, false, 20, null));
    statements.put("list, topic=graphs", list(List.of("graphs"), List.of(), null, ListQuery.Sort.TITLE, false, 20, null));
    statements.put("list, topic=graphs,trees & difficulty=Hard, sort=updatedAt:desc", list(List.of("graphs", "trees"),
      List.of(Difficulty.HARD), null, ListQuery.Sort.UPDATED_AT, true, 20, null));
    statements.put("list, q=quark42", list(List.of(), List.of(), "quark42:*", ListQuery.Sort.TITLE, false, 20, null));
    statements.put("list, q=island bridge", list(List.of(), List.of(), "island:* & bridge:*", ListQuery.Sort.TITLE, false, 20, null));
    statements.put("list, after page 900 of size 100 (cursor)", list(List.of(), List.of(), null, ListQuery.Sort.TITLE, false,
      100, cursors.get("deep")));
    statements.put("list, topic=arrays, after page 50 of size 100 (cursor), sort=createdAt:desc", list(List.of("arrays"),
      List.of(), null, ListQuery.Sort.CREATED_AT, true, 100, cursors.get("arrays")));
    statements.put("list, page 900 of size 100 (page number)", ListStatement.of(query(List.of(), List.of(), null,
      ListQuery.Sort.TITLE, false, 900, 100, null)));
    statements.put("count, topic=graphs & difficulty=Hard", new ListStatement.Statement("SELECT coalesce(sum(n), 0) FROM topic_counts"
      + " WHERE topic = $1 AND difficulty = ANY($2::text[]::question_difficulty[])", Tuple.tuple().addString("graphs").addArrayOfString(new String[]{"Hard"})));
    statements.put("pick arrays/Medium, 50 excluded", new ListStatement.Statement("SELECT id FROM questions WHERE id = ("
      + "SELECT question_id FROM ((" + candidate + " AND pick_key >= 0.5 ORDER BY pick_key LIMIT 1) UNION ALL (" + candidate
      + " AND pick_key < 0.5 ORDER BY pick_key LIMIT 1)) AS c LIMIT 1)", Tuple.tuple()));
    statements.put("topics with counts", new ListStatement.Statement("SELECT t.slug, t.name, c.difficulty::text AS difficulty, c.n"
      + " FROM topics t LEFT JOIN topic_counts c ON c.topic = t.slug ORDER BY t.slug", Tuple.tuple()));
    Future<List<String>> out = Future.succeededFuture(new ArrayList<>());
    for (Map.Entry<String, ListStatement.Statement> s : statements.entrySet()) {
      out = out.compose(lines -> pool.preparedQuery("EXPLAIN (ANALYZE, COSTS OFF) " + s.getValue().sql())
        .execute(s.getValue().args()).map(plan -> {
          lines.add("-- " + s.getKey());
          for (Row row : plan) {
            lines.add(row.getString(0).replaceAll("\\{[0-9a-f,-]{200,}}", "{...50 ids...}"));
          }
          return lines;
        }));
    }
    return out;
  }

  private static ListStatement.Statement list(List<String> topics, List<Difficulty> difficulties, String search,
                                              ListQuery.Sort sort, boolean descending, int size, Cursor after) {
    return ListStatement.of(query(topics, difficulties, search, sort, descending, after == null ? 1 : 0, size, after));
  }
}
