import type { Gloss } from "./glossary.js";

// Employers a learner prepares for, described as a 2018 general-English encoder would know them.
export const COMPANY_GLOSSES: Gloss[] = [
  {
    names: ["Google", "Alphabet"],
    gloss: "the search engine giant behind Gmail, YouTube, Android and Maps, a big tech employer",
  },
  {
    names: ["Meta", "Facebook", "FB", "Instagram", "WhatsApp"],
    gloss: "the social media company behind Facebook, Instagram and WhatsApp, a big tech employer",
  },
  {
    names: ["Amazon", "AWS"],
    gloss:
      "the online retailer and e-commerce giant with a cloud business, whose interviews stress its leadership principles",
  },
  { names: ["Apple"], gloss: "the maker of the iPhone and Mac computers, a big tech consumer electronics company" },
  {
    names: ["Microsoft", "MSFT", "Azure"],
    gloss: "the software giant behind Windows, Office and a large cloud computing business",
  },
  { names: ["Netflix"], gloss: "the video streaming service for movies and television shows" },
  {
    names: ["Stripe"],
    gloss: "an online payments company that processes card payments for businesses on the internet",
  },
  {
    names: ["Uber"],
    gloss: "a ride-hailing app company matching riders with drivers, a taxi service that also delivers food",
  },
  { names: ["Lyft"], gloss: "a ride-hailing app company, a taxi-like rideshare service" },
  {
    names: ["Airbnb"],
    gloss: "a home rental marketplace for booking vacation stays in people's houses and apartments",
  },
  {
    names: ["Datadog"],
    gloss: "a cloud monitoring company whose software watches servers, logs and application performance",
  },
  { names: ["Bloomberg"], gloss: "a financial data and news company known for its trading terminal" },
  { names: ["Jane Street"], gloss: "a quantitative trading firm on Wall Street that trades stocks and bonds" },
  { names: ["Citadel", "Citadel Securities"], gloss: "a hedge fund and market-making trading firm in finance" },
  { names: ["Two Sigma"], gloss: "a quantitative hedge fund and trading firm that invests using math and computers" },
  {
    names: ["Hudson River Trading", "HRT"],
    gloss: "a high-frequency trading firm that trades stocks with fast computer programs",
  },
  {
    names: ["Databricks"],
    gloss: "a data and artificial intelligence platform company for big data analytics in the cloud",
  },
  { names: ["Snowflake"], gloss: "a cloud data warehouse company, a database for business analytics" },
  { names: ["LinkedIn"], gloss: "the professional networking site for jobs and careers, owned by Microsoft" },
  { names: ["Shopify"], gloss: "an e-commerce platform company that runs online stores for merchants" },
  { names: ["Coinbase"], gloss: "a cryptocurrency exchange for buying and selling Bitcoin and other digital money" },
  { names: ["Salesforce"], gloss: "a business software company selling customer relationship management tools" },
  { names: ["Oracle"], gloss: "a database and enterprise business software company" },
  { names: ["Nvidia"], gloss: "the maker of graphics chips and GPUs used for gaming and artificial intelligence" },
  { names: ["Tesla"], gloss: "the electric car and battery company" },
  { names: ["ByteDance", "TikTok"], gloss: "the Chinese internet company behind the TikTok short video social app" },
  { names: ["Adobe"], gloss: "the maker of Photoshop and PDF software for creative work" },
  { names: ["Spotify"], gloss: "the music and podcast streaming service" },
  { names: ["Pinterest"], gloss: "a social website for saving and sharing pictures on pinboards" },
  { names: ["Snapchat", "Snap Inc"], gloss: "the company behind the Snapchat disappearing photo messaging app" },
  { names: ["Twitter", "X Corp"], gloss: "the social media site for short public posts, now called X" },
  { names: ["DoorDash"], gloss: "a food delivery app company bringing restaurant meals to homes" },
  { names: ["Instacart"], gloss: "a grocery delivery app company" },
  { names: ["Robinhood"], gloss: "a stock trading app company for buying shares on a phone" },
  { names: ["Palantir"], gloss: "a data analysis software company working with governments and large firms" },
  { names: ["OpenAI", "ChatGPT"], gloss: "the artificial intelligence lab behind the ChatGPT chatbot" },
  { names: ["Anthropic"], gloss: "an artificial intelligence research company that builds chatbot language models" },
  { names: ["Atlassian"], gloss: "the maker of Jira and Confluence software for team project tracking" },
  { names: ["Dropbox"], gloss: "a cloud file storage and sharing company" },
  { names: ["Goldman Sachs", "Goldman"], gloss: "a large Wall Street investment bank" },
  { names: ["JPMorgan", "JPMorgan Chase", "JP Morgan"], gloss: "a large American bank and financial services company" },
  { names: ["Walmart"], gloss: "the giant supermarket retailer, with a large e-commerce technology team" },
  { names: ["PayPal"], gloss: "an online payments and money transfer company" },
  { names: ["Intuit"], gloss: "the maker of TurboTax and QuickBooks tax and accounting software" },
  {
    names: ["FAANG", "MAANG", "Big Tech"],
    gloss: "the biggest technology companies, such as Facebook, Apple, Amazon, Netflix and Google",
  },
];

// Interview-process, study and technique words, glossed in everyday language.
export const TERM_GLOSSES: Gloss[] = [
  // ---- the hiring process
  {
    names: ["onsite", "onsite interview", "final round", "interview loop"],
    gloss: "the final round: several back-to-back job interviews in one day, in person or by video",
  },
  {
    names: ["phone screen", "phone interview", "tech screen", "technical screen", "screening call"],
    gloss: "an initial screening call, a short first interview over the phone or video",
  },
  {
    names: ["OA", "online assessment"],
    gloss: "an online assessment, a timed coding test taken at home before the interviews",
  },
  {
    names: ["HackerRank", "CodeSignal"],
    gloss: "a website for timed online coding tests that employers use to screen job candidates",
  },
  {
    names: ["behavioral", "behavioural", "behavioral interview", "behavioural interview"],
    gloss: "interview questions about past experiences, teamwork and conflicts at work, and how you handled them",
  },
  {
    names: ["STAR", "STAR method"],
    gloss: "a way to answer behavioural questions with a story: situation, task, action and result",
  },
  {
    names: ["leadership principles", "LPs"],
    gloss: "Amazon's list of values, such as customer obsession and ownership, that its behavioural interviews test",
  },
  {
    names: ["bar raiser"],
    gloss: "an Amazon interviewer from another team who makes sure every new hire raises the hiring bar",
  },
  {
    names: ["system design", "systems design", "SD", "sys design", "HLD", "high level design"],
    gloss: "an interview on designing a large software service: its servers, databases, caches and how it scales",
  },
  {
    names: ["low level design", "LLD", "object oriented design", "OOD"],
    gloss: "an interview on designing the classes and objects of a program, like a parking lot system",
  },
  {
    names: ["mock interview", "mock", "practice interview"],
    gloss: "a practice interview with a friend or coach that imitates the real one",
  },
  {
    names: ["coding interview", "technical interview"],
    gloss: "an interview solving programming puzzles live while explaining your thinking to the interviewer",
  },
  {
    names: ["whiteboard", "whiteboarding"],
    gloss: "solving a problem by writing code or drawing on a board in front of the interviewers",
  },
  {
    names: ["take-home assignment", "take-home project", "take-home test"],
    gloss: "a coding project done at home over a few days and sent back to the company for review",
  },
  {
    names: ["recruiter", "recruiting"],
    gloss: "the company's hiring contact who schedules interviews and talks about the job and pay",
  },
  { names: ["HR", "human resources"], gloss: "the human resources staff who handle hiring, pay and paperwork" },
  { names: ["hiring manager"], gloss: "the manager of the team you would join, who decides whether to hire you" },
  {
    names: ["hiring committee", "HC"],
    gloss: "a group that reads the interview feedback and decides whether to make a job offer",
  },
  {
    names: ["team matching", "team match"],
    gloss: "the stage after passing interviews where you look for a team that wants to hire you",
  },
  {
    names: ["offer", "job offer", "offer letter"],
    gloss: "a job offer from a company after passing its interviews, with salary and a start date",
  },
  {
    names: ["rejection", "rejected"],
    gloss: "being turned down after an application or interview, a no from the company",
  },
  {
    names: ["ghosted", "ghosting"],
    gloss: "a company stops replying and gives no news after an application or interview",
  },
  { names: ["referral"], gloss: "an employee recommending you for a job so your application gets noticed" },
  {
    names: ["salary negotiation", "negotiation", "negotiate"],
    gloss: "bargaining with a company for higher pay or better terms in a job offer",
  },
  { names: ["total compensation"], gloss: "total yearly pay, counting salary, bonus and stock" },
  {
    names: ["L3", "L4", "L5", "L6", "L7", "SDE"],
    gloss: "a job title or seniority level, from junior through mid-level to senior software engineer",
  },
  {
    names: ["new grad", "new graduate", "entry level"],
    gloss: "a first full-time job straight after university, a junior entry-level role",
  },
  { names: ["internship", "intern"], gloss: "a temporary job, often over the summer, for students at a company" },
  {
    names: ["CV", "curriculum vitae", "resume review"],
    gloss: "a one-page summary of your work history and skills sent with a job application",
  },
  { names: ["layoff", "laid off"], gloss: "losing a job because the company cut staff" },
  {
    names: ["H1B", "visa sponsorship"],
    gloss: "a United States work visa for foreign workers that the employer must sponsor",
  },
  {
    names: ["quant", "quantitative trading", "HFT", "high frequency trading"],
    gloss: "jobs at trading firms that use math and very fast programs to trade stocks",
  },
  // ---- practice and study
  {
    names: ["LeetCode", "LC"],
    gloss: "a website of coding interview practice problems, puzzles solved by writing programs",
  },
  {
    names: ["NeetCode", "NeetCode 150"],
    gloss: "a curated list of coding interview practice problems grouped by pattern, with video explanations",
  },
  {
    names: ["Blind 75", "Grind 75"],
    gloss: "a popular short list of the most important coding interview practice problems",
  },
  {
    names: ["editorial", "official solution"],
    gloss: "the official written solution and explanation for a practice problem",
  },
  {
    names: ["weekly contest", "biweekly contest", "LeetCode contest"],
    gloss: "a timed online programming competition held every week",
  },
  {
    names: ["competitive programming", "Codeforces"],
    gloss: "solving algorithm puzzles quickly in timed programming competitions",
  },
  { names: ["TLE", "time limit exceeded"], gloss: "the solution was too slow and timed out on large inputs" },
  { names: ["WA", "wrong answer"], gloss: "the submitted code gave an incorrect output on some test case" },
  { names: ["MLE", "memory limit exceeded"], gloss: "the submitted program used too much memory" },
  {
    names: ["off by one", "off-by-one error"],
    gloss: "a bug where a loop or index goes one step too far or stops one step short, a boundary mistake",
  },
  {
    names: ["edge case", "corner case"],
    gloss: "an unusual input, such as an empty list, a single item or huge values, that can break code",
  },
  { names: ["brute force"], gloss: "trying every possibility directly, simple to write but usually too slow" },
  {
    names: ["FSRS", "spaced repetition", "SRS", "Anki"],
    gloss: "reviewing material at growing time intervals, just before you would forget it, like flashcards",
  },
  { names: ["pomodoro"], gloss: "a study timer method: twenty-five minutes of focus followed by a short break" },
  {
    names: ["burnout", "burned out", "burnt out"],
    gloss: "exhaustion and lost motivation from studying or working too hard for too long",
  },
  {
    names: ["imposter syndrome", "impostor syndrome"],
    gloss: "feeling like a fraud who does not deserve success despite evidence of ability",
  },
  {
    names: ["on-call", "pager", "PagerDuty"],
    gloss: "being responsible for fixing production outages at any hour, woken by a pager alert",
  },
  {
    names: ["DSA", "data structures and algorithms"],
    gloss: "the study of data structures and algorithms: lists, trees, graphs, sorting and searching",
  },
  // ---- complexity and techniques
  {
    names: ["big O", "time complexity", "space complexity"],
    gloss: "how a program's running time or memory grows with the input size, like linear or quadratic",
  },
  {
    names: ["DP", "dynamic programming", "tabulation"],
    gloss: "solving a problem from overlapping smaller subproblems, storing their answers in a table to reuse",
  },
  {
    names: ["memoization", "memoisation", "memoize", "memo", "top-down DP"],
    gloss: "caching the results of function calls so each repeated recursive subproblem is computed once",
  },
  {
    names: ["recursion", "recursive"],
    gloss: "a function that calls itself on smaller inputs until it reaches a simple base case",
  },
  {
    names: ["BFS", "breadth-first search"],
    gloss: "exploring a graph or grid layer by layer outward from a start using a queue, finding shortest paths",
  },
  {
    names: ["DFS", "depth-first search"],
    gloss: "exploring a graph or tree by going as deep as possible along each branch before backing up",
  },
  {
    names: ["BST", "binary search tree"],
    gloss: "a sorted tree where each node's left side holds smaller values and its right side larger ones",
  },
  {
    names: ["binary tree"],
    gloss: "a tree structure where each node has at most two children, a left one and a right one",
  },
  {
    names: ["linked list", "singly linked list", "doubly linked list"],
    gloss: "a chain of nodes, each holding a value and a pointer to the next node",
  },
  {
    names: ["hash map", "hashmap", "hash table", "hash set", "hashset"],
    gloss: "a lookup table of keys and values giving constant-time search by key, like a dictionary",
  },
  {
    names: ["LRU", "least recently used"],
    gloss: "a cache rule that throws out the item unused for the longest time when space runs out",
  },
  {
    names: ["MST", "minimum spanning tree", "Kruskal", "Prim's algorithm"],
    gloss: "the cheapest set of edges connecting every node of a weighted graph without cycles",
  },
  {
    names: ["KMP", "Knuth-Morris-Pratt"],
    gloss: "a fast text search algorithm that uses a prefix table to avoid rechecking characters",
  },
  {
    names: ["trie", "prefix tree"],
    gloss: "a prefix tree storing words letter by letter for fast autocomplete and prefix lookups",
  },
  {
    names: ["heap", "priority queue", "min-heap", "max-heap", "heapq", "heapify"],
    gloss: "a priority queue that always hands out the smallest or largest item quickly",
  },
  {
    names: ["union-find", "DSU", "disjoint set", "disjoint set union"],
    gloss: "tracking which items belong to the same group, merging groups and checking connection quickly",
  },
  {
    names: ["topological sort", "topological sorting", "topological order", "topo sort", "Kahn's algorithm"],
    gloss: "ordering tasks so each comes after its prerequisites, in a directed graph without cycles",
  },
  {
    names: ["sliding window"],
    gloss: "scanning a moving stretch of consecutive items in a list or string, growing and shrinking its edges",
  },
  {
    names: ["two pointers", "two-pointer"],
    gloss: "walking two positions through a list, often from both ends toward the middle, instead of nested loops",
  },
  {
    names: ["fast and slow pointers", "tortoise and hare", "Floyd's cycle detection"],
    gloss: "moving one pointer twice as fast as another through a list to find a loop or the middle",
  },
  {
    names: ["monotonic stack", "monotone stack", "monostack"],
    gloss: "a stack kept in rising or falling order to find the next bigger or smaller item for each element",
  },
  {
    names: ["monotonic queue", "monotonic deque"],
    gloss: "a double-ended queue kept in sorted order to track the maximum or minimum of a moving window",
  },
  {
    names: ["backtracking", "backtrack"],
    gloss: "trying choices one by one recursively and undoing them at dead ends, to list every solution",
  },
  {
    names: ["greedy", "greedy algorithm"],
    gloss: "making the locally best choice at each step in the hope that it gives the best overall answer",
  },
  {
    names: ["prefix sum", "running sum", "cumulative sum"],
    gloss: "precomputed running totals that give the sum of any range quickly by subtracting two totals",
  },
  {
    names: ["bit manipulation", "bitwise", "bitmask", "bit tricks"],
    gloss: "working directly with the binary ones and zeros of numbers using AND, OR, XOR and shifts",
  },
  {
    names: ["Dijkstra", "Dijkstra's algorithm"],
    gloss:
      "an algorithm for shortest routes from a start in a weighted graph with no negative edges, using a priority queue",
  },
  {
    names: ["Bellman-Ford"],
    gloss: "a shortest route algorithm that relaxes every edge repeatedly and copes with negative weights",
  },
  {
    names: ["Floyd-Warshall"],
    gloss: "an algorithm for the shortest routes between every pair of nodes, by dynamic programming",
  },
  {
    names: ["segment tree"],
    gloss: "a tree over ranges of an array for fast range sum or minimum queries with updates",
  },
  {
    names: ["Fenwick tree", "binary indexed tree"],
    gloss: "a compact array structure for fast running totals that also allows updates",
  },
  {
    names: ["quickselect"],
    gloss: "finding the k-th smallest item by partitioning like quicksort but following only one side",
  },
  // ---- system design
  {
    names: ["sharding", "shard"],
    gloss: "splitting a big database across many machines, each holding part of the data by key",
  },
  {
    names: ["replication", "read replica"],
    gloss: "keeping copies of a database on several machines for safety and faster reads",
  },
  {
    names: ["caching", "cache", "Redis", "Memcached"],
    gloss: "storing often used data in fast memory so repeated requests skip slow work",
  },
  {
    names: ["CDN", "content delivery network"],
    gloss: "servers around the world that keep copies of images and videos close to users",
  },
  {
    names: ["load balancer", "load balancing"],
    gloss: "a traffic router that spreads incoming requests across many servers",
  },
  {
    names: ["rate limiter", "rate limiting", "throttling"],
    gloss: "capping how many requests a user may send per second or minute, for example with a token bucket",
  },
  {
    names: ["message queue", "Kafka", "pub/sub", "RabbitMQ"],
    gloss: "a buffer where services post tasks or events for other services to process later",
  },
  {
    names: ["CAP theorem"],
    gloss: "the rule that a distributed database cannot stay both consistent and available during a network split",
  },
  {
    names: ["consistent hashing"],
    gloss: "placing keys and servers on a ring so adding or removing a server moves only a few keys",
  },
  {
    names: ["database index", "B-tree"],
    gloss: "a sorted lookup structure that makes database searches fast without scanning every row",
  },
  {
    names: ["SQL", "relational database"],
    gloss: "a database of tables with rows and columns, queried with a structured query language",
  },
  {
    names: ["NoSQL", "key-value store"],
    gloss: "a non-relational database, such as a key-value or document store, that scales out easily",
  },
  {
    names: ["microservices", "microservice"],
    gloss: "splitting an application into many small independent services that talk over the network",
  },
  {
    names: ["URL shortener", "TinyURL"],
    gloss: "a classic design question: a service that turns long web links into short ones",
  },
];
