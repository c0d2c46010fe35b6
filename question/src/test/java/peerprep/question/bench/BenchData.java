package peerprep.question.bench;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

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
      .compose(v -> pool.query("INSERT INTO question_topics (question_id, topic, difficulty, pick_key)"
        + " SELECT id, t, difficulty, random() FROM questions, unnest(topics) AS t").execute())
      .compose(v -> pool.query("VACUUM ANALYZE questions").execute())
      .compose(v -> pool.query("VACUUM ANALYZE question_topics").execute())
      .mapEmpty();
  }

  private static String page(String filter, String order, int limit, int offset) {
    return "SELECT id, slug, title, difficulty::text AS difficulty, topics, version, created_at, updated_at FROM questions"
      + " WHERE id IN (SELECT id FROM questions" + filter + " ORDER BY " + order + " LIMIT " + limit + " OFFSET " + offset
      + ") ORDER BY " + order;
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

  /** The plans of the service's heaviest statements, in the form the repositories send them. */
  static Future<List<String>> explain(Pool pool, List<String> excluded) {
    String candidate = "SELECT question_id FROM question_topics WHERE topic = 'arrays' AND difficulty = 'Medium'"
      + " AND question_id <> ALL('{" + String.join(",", excluded) + "}'::uuid[])";
    List<String[]> statements = List.of(
      new String[]{"list, no filter, page 1", page("", "title_key", 20, 0)},
      new String[]{"count, no filter", "SELECT count(*) FROM questions"},
      new String[]{"list, topic=graphs", page(" WHERE topics && '{graphs}'::text[]", "title_key", 20, 0)},
      new String[]{"count, topic=graphs", "SELECT count(*) FROM question_topics WHERE topic = ANY('{graphs}'::text[])"},
      new String[]{"count, topic=graphs,trees & difficulty=Hard", "SELECT count(DISTINCT question_id) FROM question_topics"
        + " WHERE topic = ANY('{graphs,trees}'::text[]) AND difficulty = ANY('{Hard}'::text[]::question_difficulty[])"},
      new String[]{"list, q=quark42", page(" WHERE search @@ to_tsquery('english', 'quark42:*')", "title_key", 20, 0)},
      new String[]{"list, q=island bridge", page(" WHERE search @@ to_tsquery('english', 'island:* & bridge:*')", "title_key", 20, 0)},
      new String[]{"count, q=island bridge", "SELECT count(*) FROM questions WHERE search @@ to_tsquery('english', 'island:* & bridge:*')"},
      new String[]{"list, deep page 900 of size 100", page("", "title_key", 100, 89_900)},
      new String[]{"list, topic=arrays, page 50 of size 100, sort=createdAt:desc",
        page(" WHERE topics && '{arrays}'::text[]", "created_at DESC, id DESC", 100, 4_900)},
      new String[]{"list, topic=graphs,trees & difficulty=Hard, sort=updatedAt:desc",
        page(" WHERE topics && '{graphs,trees}'::text[] AND difficulty = ANY('{Hard}'::text[]::question_difficulty[])",
          "updated_at DESC, id DESC", 20, 0)},
      new String[]{"pick arrays/Medium, 50 excluded", "SELECT id FROM questions WHERE id = (SELECT question_id FROM (("
        + candidate + " AND pick_key >= 0.5 ORDER BY pick_key LIMIT 1) UNION ALL (" + candidate
        + " AND pick_key < 0.5 ORDER BY pick_key LIMIT 1)) AS c LIMIT 1)"},
      new String[]{"topics with counts", "SELECT t.slug, c.difficulty, c.n FROM topics t LEFT JOIN (SELECT topic, difficulty,"
        + " count(*) AS n FROM question_topics GROUP BY topic, difficulty) c ON c.topic = t.slug ORDER BY t.slug"});
    Future<List<String>> out = Future.succeededFuture(new ArrayList<>());
    for (String[] s : statements) {
      out = out.compose(lines -> pool.query("EXPLAIN (ANALYZE, COSTS OFF) " + s[1]).execute().map(plan -> {
        lines.add("-- " + s[0]);
        for (Row row : plan) {
          lines.add(row.getString(0).replaceAll("\\{[0-9a-f,-]{200,}}", "{...50 ids...}"));
        }
        return lines;
      }));
    }
    return out;
  }

}
