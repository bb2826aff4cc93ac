import type { Gloss } from "./glossary.js";

// One entry per title of the NeetCode-style catalogue (src/database/seed-data/roadmap-neetcode.json), in its
// order. Each gloss says in everyday words what the problem asks and the usual key idea, with synonyms of
// the title's words, so a general-English sentence encoder can place a note that only names the problem.
export const PROBLEM_GLOSSES: Gloss[] = [
  // ---- arrays and hashing
  {
    names: ["Two Sum", "2Sum"],
    gloss: "find two numbers in a list that add up to a target value, usually with a hash map of values already seen",
  },
  {
    names: ["Contains Duplicate"],
    gloss: "check whether any value appears twice or more in a list, using a hash set of the numbers seen so far",
  },
  {
    names: ["Valid Anagram"],
    gloss: "decide whether two words use exactly the same letters the same number of times, by counting the characters",
  },
  {
    names: ["Concatenation of Array"],
    gloss: "build a new list by joining an array to a copy of itself, so the output is twice as long",
  },
  {
    names: ["Replace Elements with Greatest Element on Right Side"],
    gloss: "replace each number with the largest value to its right and the last with minus one, scanning from the end",
  },
  {
    names: ["Is Subsequence"],
    gloss:
      "check whether one string's letters appear in order inside another string, possibly with gaps, using two pointers",
  },
  {
    names: ["Length of Last Word"],
    gloss: "return how many letters the final word of a sentence has, ignoring any trailing spaces at the end",
  },
  {
    names: ["Longest Common Prefix"],
    gloss:
      "find the longest starting piece shared by every word in a list of strings, comparing the characters column by column",
  },
  {
    names: ["Group Anagrams"],
    gloss:
      "put words that are rearrangements of the same letters into groups, keyed by sorted letters or letter counts in a hash map",
  },
  {
    names: ["Top K Frequent Elements", "Top K Frequent"],
    gloss:
      "return the k most common numbers in a list, by counting how often each occurs then using a heap or bucket sort",
  },
  {
    names: ["Product of Array Except Self", "Product Except Self"],
    gloss:
      "for each position, multiply all the other numbers without using division, with prefix and suffix running products",
  },
  {
    names: ["Valid Sudoku"],
    gloss:
      "check that a partly filled nine by nine Sudoku puzzle board has no repeated digit in any row, column or box",
  },
  {
    names: ["Longest Consecutive Sequence"],
    gloss:
      "find the longest run of consecutive integers in an unsorted list in linear time, using a hash set of run starts",
  },
  {
    names: ["Sort Colors", "Sort Colours", "Dutch National Flag"],
    gloss: "sort red, white and blue items coded zero, one and two in a single pass, the Dutch national flag problem",
  },
  {
    names: ["Maximum Subarray", "Max Subarray", "Kadane", "Kadane's Algorithm"],
    gloss: "find the unbroken stretch of numbers with the largest total sum, using Kadane's running-sum algorithm",
  },
  {
    names: ["First Missing Positive"],
    gloss:
      "find the smallest positive whole number missing from an unsorted list, in linear time and constant extra space",
  },
  // ---- two pointers
  {
    names: ["Valid Palindrome"],
    gloss:
      "check whether a phrase reads the same forwards and backwards, ignoring case and punctuation, with pointers from both ends",
  },
  {
    names: ["Valid Palindrome II"],
    gloss: "check whether a string can read the same forwards and backwards after deleting at most one character",
  },
  {
    names: ["Reverse String"],
    gloss: "reverse the order of characters in a list in place, swapping pairs from both ends toward the middle",
  },
  {
    names: ["Squares of a Sorted Array"],
    gloss:
      "return the squares of a sorted list of possibly negative numbers in sorted order, using two pointers from both ends",
  },
  {
    names: ["Move Zeroes", "Move Zeros"],
    gloss: "shift all zero values to the end of a list while keeping the other numbers in their original order",
  },
  {
    names: ["Two Sum II - Input Array Is Sorted", "Two Sum II"],
    gloss:
      "find two numbers in an already sorted list that add up to a target, moving two pointers inward from both ends",
  },
  {
    names: ["3Sum", "Three Sum"],
    gloss: "find all unique triples of numbers in a list that add up to zero, by sorting and then using two pointers",
  },
  {
    names: ["Container With Most Water"],
    gloss:
      "choose two vertical lines that hold the most water between them, moving the shorter line inward with two pointers",
  },
  {
    names: ["Rotate Array"],
    gloss: "shift the elements of a list to the right by k steps in place, for example by reversing parts of it",
  },
  {
    names: ["Boats to Save People"],
    gloss:
      "find the fewest rescue boats, each carrying at most two people under a weight limit, pairing heaviest with lightest after sorting",
  },
  {
    names: ["4Sum", "Four Sum"],
    gloss:
      "find all unique groups of four numbers that add up to a target, by sorting plus nested loops and two pointers",
  },
  {
    names: ["3Sum Closest", "Three Sum Closest"],
    gloss: "find three numbers whose sum is nearest to a target value, by sorting and then moving two pointers",
  },
  {
    names: ["Remove Duplicates from Sorted Array II"],
    gloss:
      "remove extra repeats in place from a sorted list so each value appears at most twice, using a slow and a fast pointer",
  },
  {
    names: ["Merge Strings Alternately"],
    gloss:
      "combine two words by taking letters from each in turn, then appending the leftover letters of the longer one",
  },
  {
    names: ["Trapping Rain Water", "Trapping Rainwater", "Trap Rain Water"],
    gloss:
      "compute how much rainwater collects between bars of different heights, using the tallest wall on each side or two pointers",
  },
  // ---- stack
  {
    names: ["Valid Parentheses", "Valid Parens"],
    gloss:
      "check that every opening bracket in a string is closed by the matching bracket in the right order, using a stack",
  },
  {
    names: ["Baseball Game"],
    gloss: "keep the score of a baseball game from a list of operations like add, double, sum or cancel, using a stack",
  },
  {
    names: ["Remove All Adjacent Duplicates In String"],
    gloss:
      "repeatedly delete pairs of equal neighbouring letters from a string until none remain, using a stack of characters",
  },
  {
    names: ["Next Greater Element I", "Next Greater Element"],
    gloss:
      "for each number find the first larger number to its right in another list, using a monotonic stack and a hash map",
  },
  {
    names: ["Implement Queue using Stacks", "Queue using Stacks"],
    gloss:
      "build a first-in first-out queue from two last-in first-out stacks, moving items between them only when needed",
  },
  {
    names: ["Min Stack"],
    gloss:
      "design a stack that also returns its smallest value in constant time, by storing the running minimum beside each item",
  },
  {
    names: ["Evaluate Reverse Polish Notation", "Reverse Polish Notation", "RPN"],
    gloss:
      "calculate the value of an arithmetic expression written in postfix order, operators after their numbers, using a stack",
  },
  {
    names: ["Generate Parentheses"],
    gloss:
      "list every valid string of n pairs of balanced brackets, building them by backtracking with open and close counts",
  },
  {
    names: ["Daily Temperatures"],
    gloss:
      "for each day, count how many days until a warmer temperature, solved with a monotonic stack of days still waiting",
  },
  {
    names: ["Car Fleet"],
    gloss:
      "count how many groups of cars arrive together at a destination when faster cars catch up behind slower ones, sorting by position",
  },
  {
    names: ["Online Stock Span"],
    gloss:
      "for each new daily stock price, count the consecutive previous days with a price no higher, using a monotonic stack",
  },
  {
    names: ["Asteroid Collision"],
    gloss:
      "simulate rocks moving left and right that crash into each other, the smaller one exploding, using a stack of survivors",
  },
  {
    names: ["Decode String"],
    gloss:
      "expand an encoded string like 3[a2[c]] where a number repeats the bracketed text, using a stack or recursion",
  },
  {
    names: ["Simplify Path"],
    gloss:
      "turn a Unix file system path with dots and double slashes into its shortest canonical form, using a stack of folder names",
  },
  {
    names: ["Largest Rectangle in Histogram"],
    gloss:
      "find the biggest rectangle area that fits under a bar chart of heights, using a monotonic stack of increasing bars",
  },
  // ---- binary search
  {
    names: ["Binary Search", "Binary Search on the Answer", "bisect"],
    gloss:
      "find a value in a sorted list by repeatedly checking the middle and halving the search range, taking logarithmic time",
  },
  {
    names: ["Guess Number Higher or Lower"],
    gloss:
      "find a hidden number between one and n from too-high or too-low feedback, halving the range with each guess",
  },
  {
    names: ["Search Insert Position"],
    gloss:
      "find where a target value is, or would be inserted, in a sorted list, using binary search for the lower bound",
  },
  {
    names: ["First Bad Version"],
    gloss:
      "find the first faulty software release, where every later version is also broken, with the fewest checks by binary search",
  },
  {
    names: ["Sqrt(x)", "sqrt", "Integer Square Root"],
    gloss:
      "compute the whole-number square root of a non-negative integer, rounded down, without a library function, using binary search",
  },
  {
    names: ["Search a 2D Matrix"],
    gloss:
      "find a target in a grid whose rows are sorted and each row starts after the previous row ends, with binary search",
  },
  {
    names: ["Koko Eating Bananas", "Koko"],
    gloss:
      "Koko the gorilla eats piles of bananas; find the slowest eating speed that finishes all the fruit within h hours, by binary search",
  },
  {
    names: ["Find Minimum in Rotated Sorted Array"],
    gloss:
      "find the smallest value in a sorted list that was rotated at an unknown pivot, by binary search comparing with the right end",
  },
  {
    names: ["Search in Rotated Sorted Array"],
    gloss:
      "find a target value in a sorted list that was rotated at an unknown point, with a binary search on the sorted half",
  },
  {
    names: ["Time Based Key-Value Store"],
    gloss:
      "design a key-value store keeping timestamped versions, returning the latest value at or before a given time via binary search",
  },
  {
    names: ["Find Peak Element"],
    gloss:
      "find any number larger than its neighbours in a list in logarithmic time, by binary search toward the rising side",
  },
  {
    names: ["Find First and Last Position of Element in Sorted Array", "First and Last Position"],
    gloss:
      "find the starting and ending index of a target value in a sorted list, with two binary searches for the lower and upper bounds",
  },
  {
    names: ["Find Smallest Letter Greater Than Target"],
    gloss:
      "in a sorted circular list of letters, find the first letter after a target letter, wrapping around, using binary search",
  },
  {
    names: ["Valid Perfect Square"],
    gloss: "decide whether a number is the square of a whole number without a square root function, by binary search",
  },
  {
    names: ["Median of Two Sorted Arrays"],
    gloss:
      "find the middle value of two sorted lists combined in logarithmic time, by binary searching a split of the smaller list",
  },
  // ---- sliding window
  {
    names: ["Best Time to Buy and Sell Stock", "Buy and Sell Stock"],
    gloss:
      "pick one day to buy and a later day to sell a share for the biggest profit, tracking the lowest price so far",
  },
  {
    names: ["Contains Duplicate II"],
    gloss:
      "check whether two equal values appear within k positions of each other in a list, using a sliding window set",
  },
  {
    names: ["Substrings of Size Three with Distinct Characters"],
    gloss:
      "count the length-three substrings whose three letters are all different, sliding a window of size three along the string",
  },
  {
    names: ["Maximum Average Subarray I", "Maximum Average Subarray"],
    gloss:
      "find the unbroken block of exactly k numbers with the highest average, using a fixed-size sliding window sum",
  },
  {
    names: ["Longest Substring Without Repeating Characters", "Longest Substring Without Repeating"],
    gloss:
      "find the length of the longest stretch of a string with no repeated letter, using a sliding window and a set",
  },
  {
    names: ["Longest Repeating Character Replacement"],
    gloss:
      "find the longest substring that can become one repeated letter after changing at most k characters, using a sliding window of counts",
  },
  {
    names: ["Permutation in String"],
    gloss:
      "check whether any rearrangement of one string appears as an unbroken piece of another, comparing letter counts in a sliding window",
  },
  {
    names: ["Minimum Size Subarray Sum"],
    gloss:
      "find the shortest unbroken stretch of positive numbers whose sum reaches a target, by growing and shrinking a sliding window",
  },
  {
    names: ["Fruit Into Baskets"],
    gloss:
      "collect the most fruit from a row of trees with two baskets each holding one fruit type: the longest window with two distinct values",
  },
  {
    names: ["Max Consecutive Ones III"],
    gloss: "find the longest run of ones in a list of bits if you may flip at most k zeros, using a sliding window",
  },
  {
    names: ["Find All Anagrams in a String"],
    gloss:
      "find every starting position where a rearrangement of a pattern's letters appears in a text, with a fixed sliding window of counts",
  },
  {
    names: ["Maximum Number of Vowels in a Substring of Given Length"],
    gloss:
      "find the most vowels in any substring of fixed length k, sliding a window along and updating the vowel count",
  },
  {
    names: ["Number of Sub-arrays of Size K and Average Greater than or Equal to Threshold"],
    gloss:
      "count the unbroken blocks of k numbers whose average is at least a threshold, using a fixed-size sliding window sum",
  },
  {
    names: ["Sliding Window Maximum"],
    gloss:
      "report the largest value in every window of k consecutive numbers, using a monotonic double-ended queue of candidate positions",
  },
  {
    names: ["Minimum Window Substring"],
    gloss:
      "find the shortest piece of a text containing all the letters of another string, by expanding and shrinking a sliding window",
  },
  // ---- linked list
  {
    names: ["Reverse Linked List", "Reverse a Linked List"],
    gloss:
      "reverse the order of nodes in a singly linked chain, by flipping each next pointer iteratively or recursively",
  },
  {
    names: ["Merge Two Sorted Lists"],
    gloss: "combine two sorted linked lists into one sorted list by repeatedly taking the smaller head node",
  },
  {
    names: ["Linked List Cycle"],
    gloss:
      "detect whether a linked list loops back on itself, using Floyd's fast and slow pointers, the tortoise and the hare",
  },
  {
    names: ["Remove Duplicates from Sorted List"],
    gloss:
      "delete repeated values from a sorted linked list so each value appears once, skipping over equal next nodes",
  },
  {
    names: ["Palindrome Linked List"],
    gloss:
      "check whether a linked list reads the same forwards and backwards, by reversing its second half and comparing",
  },
  {
    names: ["Remove Linked List Elements"],
    gloss:
      "delete every node holding a given value from a linked list, using a dummy head node to simplify the edge cases",
  },
  {
    names: ["Intersection of Two Linked Lists"],
    gloss:
      "find the node where two linked lists join and share a tail, by walking both and switching to the other head",
  },
  {
    names: ["Middle of the Linked List", "Middle of Linked List"],
    gloss: "find the centre node of a linked list in one pass, moving a fast pointer two steps for each slow step",
  },
  {
    names: ["Reorder List"],
    gloss:
      "rearrange a linked list to alternate first, last, second, second-last nodes, by splitting, reversing the back half and merging",
  },
  {
    names: ["Remove Nth Node From End of List", "Remove Nth Node"],
    gloss:
      "delete the n-th node counting from the end of a linked list in one pass, keeping a gap between two pointers",
  },
  {
    names: ["Copy List with Random Pointer"],
    gloss:
      "make a deep copy of a linked list whose nodes also point to random other nodes, using a hash map from old to new",
  },
  {
    names: ["Add Two Numbers"],
    gloss:
      "add two non-negative numbers stored as linked lists of digits in reverse order, carrying over like school addition",
  },
  {
    names: ["Find the Duplicate Number"],
    gloss: "find the one repeated number in a list of n plus one values from one to n, using Floyd's cycle detection",
  },
  {
    names: ["LRU Cache", "Least Recently Used Cache"],
    gloss:
      "design a fixed-size cache that evicts the least recently used item, using a hash map plus a doubly linked list",
  },
  {
    names: ["Merge k Sorted Lists", "Merge K Lists"],
    gloss: "combine k sorted linked lists into one sorted list, using a min-heap of the current heads or merging pairs",
  },
  // ---- trees
  {
    names: ["Invert Binary Tree", "Invert a Binary Tree"],
    gloss: "flip a binary tree into its mirror image by swapping every node's left and right children recursively",
  },
  {
    names: ["Maximum Depth of Binary Tree", "Max Depth of Binary Tree"],
    gloss:
      "find the height of a binary tree, the number of nodes on the longest root-to-leaf path, by recursion or breadth-first search",
  },
  {
    names: ["Diameter of Binary Tree"],
    gloss:
      "find the longest path between any two nodes of a binary tree, combining left and right heights at each node",
  },
  {
    names: ["Balanced Binary Tree"],
    gloss:
      "check whether every node's left and right subtrees differ in height by at most one, with a single depth-first pass",
  },
  {
    names: ["Same Tree"],
    gloss:
      "check whether two binary trees have identical shape and node values, comparing them recursively node by node",
  },
  {
    names: ["Subtree of Another Tree"],
    gloss:
      "check whether one binary tree appears exactly as a subtree inside another, comparing the trees at each node",
  },
  {
    names: [
      "Lowest Common Ancestor of a BST",
      "Lowest Common Ancestor of a Binary Search Tree",
      "Lowest Common Ancestor",
      "LCA",
    ],
    gloss:
      "find the deepest shared ancestor of two nodes in a binary search tree, walking down from the root by comparing values",
  },
  {
    names: ["Binary Tree Level Order Traversal", "Level Order Traversal"],
    gloss: "list a binary tree's node values level by level, top to bottom, using breadth-first search with a queue",
  },
  {
    names: ["Binary Tree Right Side View", "Right Side View"],
    gloss: "return the nodes visible when looking at a binary tree from the right side: the last node on each level",
  },
  {
    names: ["Count Good Nodes in Binary Tree", "Count Good Nodes"],
    gloss:
      "count tree nodes whose value is at least every value on the path from the root, passing the running maximum down",
  },
  {
    names: ["Validate Binary Search Tree", "Validate BST", "Valid BST"],
    gloss:
      "check that a binary tree keeps search-tree order, left smaller and right larger, by passing allowed min and max bounds down",
  },
  {
    names: ["Kth Smallest Element in a BST"],
    gloss:
      "find the k-th smallest value in a binary search tree, using an in-order traversal that visits values in sorted order",
  },
  {
    names: ["Construct Binary Tree from Preorder and Inorder Traversal", "Construct Binary Tree"],
    gloss:
      "rebuild a binary tree from its preorder and inorder visit orders, using the root's position in the inorder list to split",
  },
  {
    names: ["Binary Tree Maximum Path Sum", "Maximum Path Sum", "Max Path Sum"],
    gloss:
      "find the largest total of node values along any path in a binary tree, computing the best downward branch at each node",
  },
  {
    names: ["Serialize and Deserialize Binary Tree", "Serialize Binary Tree"],
    gloss:
      "convert a binary tree to a string and rebuild the same tree from it, for example with preorder traversal and null markers",
  },
  // ---- tries
  {
    names: ["Implement Trie (Prefix Tree)", "Implement Trie"],
    gloss:
      "build a prefix tree of characters supporting insert, whole-word search and starts-with prefix queries, as used for autocomplete",
  },
  {
    names: ["Design Add and Search Words Data Structure", "Add and Search Words", "Add and Search Word"],
    gloss:
      "design a word dictionary that searches stored words with dot wildcards matching any letter, using a trie and depth-first search",
  },
  {
    names: ["Word Search II"],
    gloss:
      "find all dictionary words that can be traced through adjacent letters of a grid board, using a trie with backtracking search",
  },
  {
    names: ["Longest Word in Dictionary"],
    gloss:
      "find the longest word that can be built one letter at a time from other words in the list, using a trie or set",
  },
  {
    names: ["Map Sum Pairs"],
    gloss:
      "design a map from words to numbers that returns the total value of all keys starting with a given prefix, using a trie",
  },
  {
    names: ["Replace Words"],
    gloss:
      "replace each word in a sentence with its shortest dictionary root prefix, such as cattle becoming cat, using a trie",
  },
  {
    names: ["Maximum XOR of Two Numbers in an Array", "Maximum XOR"],
    gloss:
      "find the largest bitwise exclusive-or of any two numbers in a list, greedily choosing opposite bits in a binary trie",
  },
  {
    names: ["Search Suggestions System"],
    gloss:
      "suggest up to three product names matching each typed prefix of a search word, like autocomplete, using sorting or a trie",
  },
  {
    names: ["Stream of Characters"],
    gloss:
      "report whether any ending of a stream of typed letters forms a dictionary word, using a trie of reversed words",
  },
  {
    names: ["Prefix and Suffix Search"],
    gloss:
      "design a dictionary that finds the highest-index word with a given starting prefix and ending suffix, using a combined trie",
  },
  {
    names: ["Maximum XOR With an Element From Array"],
    gloss:
      "answer queries for the largest exclusive-or of a value with any array number not above a limit, using a sorted offline binary trie",
  },
  {
    names: ["Palindrome Pairs"],
    gloss:
      "find all pairs of words whose joined string reads the same forwards and backwards, using a hash map or trie of reversed words",
  },
  {
    names: ["Implement Trie II (Prefix Tree)", "Implement Trie II"],
    gloss:
      "build a prefix tree that also counts how many times each word or prefix was inserted and supports erasing words",
  },
  {
    names: ["Concatenated Words"],
    gloss: "find the words in a list that can be formed by joining two or more shorter words from the same list",
  },
  {
    names: ["Word Break"],
    gloss:
      "decide whether a string can be split into a sequence of dictionary words, using dynamic programming over its prefixes",
  },
  // ---- backtracking
  {
    names: ["Subsets", "Power Set"],
    gloss:
      "list every possible subset, the power set, of distinct numbers, by backtracking with an include-or-skip choice for each element",
  },
  {
    names: ["Combination Sum"],
    gloss:
      "find all combinations of candidate numbers, each reusable any number of times, that add up to a target, by backtracking",
  },
  {
    names: ["Permutations"],
    gloss:
      "list every possible ordering of a list of distinct numbers, by backtracking that picks or swaps unused elements",
  },
  {
    names: ["Subsets II"],
    gloss:
      "list every distinct subset of numbers that may contain duplicates, sorting first and skipping repeated choices while backtracking",
  },
  {
    names: ["Combination Sum II"],
    gloss:
      "find unique combinations of numbers summing to a target, each number used at most once, skipping duplicates after sorting",
  },
  {
    names: ["Word Search"],
    gloss:
      "check whether a word can be traced through horizontally or vertically adjacent letters of a grid, by depth-first backtracking",
  },
  {
    names: ["Palindrome Partitioning"],
    gloss: "split a string into pieces that all read the same both ways, listing every such split by backtracking",
  },
  {
    names: ["Letter Combinations of a Phone Number", "Letter Combinations"],
    gloss:
      "list every letter string that a phone keypad digit sequence could spell, like old text messaging, by backtracking over digits",
  },
  {
    names: ["N-Queens", "Eight Queens"],
    gloss: "place n chess queens on an n by n board so that none attack each other, listing all boards by backtracking",
  },
  {
    names: ["Sudoku Solver"],
    gloss:
      "fill in the empty cells of a Sudoku puzzle so every row, column and box has the digits one to nine, by backtracking",
  },
  {
    names: ["Combinations"],
    gloss: "list every way to choose k numbers from one to n, ignoring order, by backtracking",
  },
  {
    names: ["Combination Sum III"],
    gloss: "find all sets of k distinct digits from one to nine that add up to n, by backtracking",
  },
  {
    names: ["Permutations II"],
    gloss:
      "list every distinct ordering of numbers that may contain duplicates, skipping repeated choices after sorting while backtracking",
  },
  {
    names: ["Restore IP Addresses"],
    gloss:
      "list every valid internet IP address formed by inserting three dots into a string of digits, by backtracking over segment lengths",
  },
  {
    names: ["N-Queens II"],
    gloss:
      "count the ways to place n chess queens on an n by n board with no two attacking each other, by backtracking",
  },
  // ---- heap / priority queue
  {
    names: ["Kth Largest Element in a Stream"],
    gloss: "design a class that reports the k-th biggest number as new values arrive, keeping a min-heap of size k",
  },
  {
    names: ["Last Stone Weight"],
    gloss:
      "repeatedly smash the two heaviest stones together, keeping the difference, and return the last weight, using a max-heap",
  },
  {
    names: ["K Closest Points to Origin"],
    gloss: "find the k points nearest to the origin of a plane, using a heap or quickselect on squared distance",
  },
  {
    names: ["Kth Largest Element in an Array", "Kth Largest Element"],
    gloss: "find the k-th biggest number in an unsorted list, using a min-heap of size k or quickselect partitioning",
  },
  {
    names: ["Task Scheduler"],
    gloss:
      "find the least time for a processor to run tasks when equal tasks need a cooldown gap, scheduling the most frequent first",
  },
  {
    names: ["Design Twitter"],
    gloss:
      "design a simple Twitter where users post tweets, follow others and see the ten newest feed posts, merging feeds with a heap",
  },
  {
    names: ["Find Median from Data Stream", "Median from Data Stream", "Running Median"],
    gloss:
      "keep track of the middle value of a growing stream of numbers, using a max-heap and a min-heap for the two halves",
  },
  {
    names: ["Kth Smallest Element in a Sorted Matrix"],
    gloss:
      "find the k-th smallest value in a grid with sorted rows and columns, using a min-heap or binary search on the value",
  },
  {
    names: ["Sort Characters By Frequency"],
    gloss:
      "rearrange a string so the most frequent letters come first, by counting letters and sorting or bucketing by count",
  },
  {
    names: ["Reorganize String"],
    gloss:
      "rearrange letters so no two neighbours are the same, placing the most frequent remaining letter next with a max-heap",
  },
  {
    names: ["The K Weakest Rows in a Matrix", "K Weakest Rows"],
    gloss:
      "find the k rows of a soldier grid with the fewest soldiers, ones before zeros, ranked with binary search and a heap",
  },
  {
    names: ["Single-Threaded CPU"],
    gloss:
      "simulate a single processor that always picks the shortest available task next, ties by index, using sorting and a min-heap",
  },
  {
    names: ["Find the Kth Largest Integer in the Array"],
    gloss:
      "find the k-th biggest number when numbers are given as long digit strings, comparing by length then text, with a heap",
  },
  // ---- intervals
  {
    names: ["Insert Interval"],
    gloss: "add a new time range into a sorted list of non-overlapping ranges, merging any ranges it overlaps",
  },
  {
    names: ["Merge Intervals"],
    gloss: "combine overlapping ranges or time spans into single ranges after sorting them by their start",
  },
  {
    names: ["Non-overlapping Intervals"],
    gloss: "remove the fewest time ranges so the rest do not overlap, greedily keeping the ranges that end earliest",
  },
  {
    names: ["Meeting Rooms"],
    gloss:
      "decide whether one person can attend all meetings, checking for overlapping time slots after sorting by start time",
  },
  {
    names: ["Meeting Rooms II"],
    gloss:
      "find the minimum number of conference rooms needed for a set of meetings, tracking end times with a min-heap",
  },
  {
    names: ["Minimum Interval to Include Each Query"],
    gloss:
      "for each query point find the size of the smallest range containing it, sorting queries and ranges and using a min-heap",
  },
  {
    names: ["Summary Ranges"],
    gloss: "summarise a sorted list of unique numbers as the shortest list of consecutive ranges, such as zero to two",
  },
  {
    names: ["Minimum Number of Arrows to Burst Balloons", "Minimum Number of Arrows"],
    gloss:
      "find the fewest vertical arrows that pop all balloons spanning horizontal ranges, greedily shooting at the earliest-ending balloon",
  },
  {
    names: ["Remove Covered Intervals"],
    gloss:
      "count the ranges left after removing those fully contained inside another range, sorting by start and then by longer end",
  },
  {
    names: ["Interval List Intersections"],
    gloss:
      "find the overlapping parts of two sorted lists of separate time ranges, walking both lists with two pointers",
  },
  {
    names: ["My Calendar I", "My Calendar"],
    gloss:
      "design a calendar booking system that accepts an event only if it does not overlap any event already booked",
  },
  {
    names: ["My Calendar II"],
    gloss: "design a calendar that allows double bookings but rejects any event that would cause a triple booking",
  },
  {
    names: ["My Calendar III"],
    gloss:
      "design a calendar that reports the largest number of events overlapping at once after each booking, with a sweep-line count",
  },
  {
    names: ["Remove Interval"],
    gloss: "remove a given range from a sorted set of separate ranges, keeping the pieces that lie outside it",
  },
  {
    names: ["Maximum Number of Events That Can Be Attended"],
    gloss:
      "attend the most events when each takes one day within its range, greedily attending the earliest-ending open event via a min-heap",
  },
  // ---- greedy
  {
    names: ["Jump Game"],
    gloss:
      "decide whether you can reach the last position when each value is the maximum jump length, tracking the farthest reachable index",
  },
  {
    names: ["Jump Game II"],
    gloss:
      "find the fewest jumps to reach the end of a list where each value is the maximum jump length, greedily by reachable ranges",
  },
  {
    names: ["Gas Station"],
    gloss:
      "pick the starting fuel stop on a circular road trip so the car never runs out of gas, greedily comparing total fuel and cost",
  },
  {
    names: ["Hand of Straights"],
    gloss:
      "decide whether a hand of cards can be split into equal-size groups of consecutive values, using counts and sorting",
  },
  {
    names: ["Merge Triplets to Form Target Triplet"],
    gloss:
      "decide whether taking element-wise maximums of some triples of numbers can produce a target triple, skipping triples that overshoot",
  },
  {
    names: ["Partition Labels"],
    gloss:
      "split a string into as many parts as possible so each letter appears in only one part, using each letter's last position",
  },
  {
    names: ["Valid Parenthesis String"],
    gloss:
      "check whether a string of brackets and star wildcards can be balanced, greedily tracking the possible range of open brackets",
  },
  {
    names: ["Best Time to Buy and Sell Stock II", "Buy and Sell Stock II"],
    gloss: "make the most profit from many buy and sell trades of a share, by summing every daily price increase",
  },
  {
    names: ["Longest Palindrome"],
    gloss:
      "find the length of the longest word reading the same both ways that can be built from given letters, using letter counts",
  },
  {
    names: ["Largest Number"],
    gloss:
      "arrange non-negative numbers to form the biggest possible number, sorting by which joining order gives the larger string",
  },
  {
    names: ["Candy"],
    gloss:
      "give children in a line the fewest candies so each gets one and higher-rated kids get more than neighbours, in two passes",
  },
  {
    names: ["Increasing Triplet Subsequence"],
    gloss:
      "decide whether a list has three increasing values in order, not necessarily adjacent, tracking the smallest first and second values",
  },
  {
    names: ["Jump Game VII"],
    gloss:
      "reach the end of a binary string by jumps within a minimum and maximum distance, landing only on zeros, using a sliding window",
  },
  // ---- advanced graphs
  {
    names: ["Reconstruct Itinerary"],
    gloss:
      "rebuild a travel route from a list of airline tickets starting at JFK, using every ticket once in alphabetical order, an Eulerian path",
  },
  {
    names: ["Min Cost to Connect All Points"],
    gloss:
      "find the cheapest way to connect all points on a plane by Manhattan distance, a minimum spanning tree via Prim or Kruskal",
  },
  {
    names: ["Network Delay Time"],
    gloss:
      "find how long a signal takes to reach every node of a weighted network from a source, using Dijkstra's shortest path algorithm",
  },
  {
    names: ["Swim in Rising Water"],
    gloss:
      "find the earliest time to swim across a grid of elevations as water rises, minimising the highest cell, using Dijkstra or binary search",
  },
  {
    names: ["Alien Dictionary"],
    gloss:
      "work out the letter order of an unknown alien language from a sorted word list, using a topological sort of letter rules",
  },
  {
    names: ["Cheapest Flights Within K Stops"],
    gloss:
      "find the lowest airfare from one city to another with at most k stopovers, using Bellman-Ford or breadth-first search",
  },
  {
    names: ["Connecting Cities With Minimum Cost"],
    gloss:
      "find the cheapest total cost of roads connecting all cities, a minimum spanning tree via Kruskal's algorithm with union-find",
  },
  {
    names: ["Critical Connections in a Network"],
    gloss:
      "find every network link whose removal disconnects the servers, the bridges of a graph, using Tarjan's low-link depth-first search",
  },
  {
    names: ["Minimum Height Trees"],
    gloss:
      "find the root nodes that give a tree the smallest height, by repeatedly trimming leaves toward the graph's centre",
  },
  {
    names: ["Course Schedule II"],
    gloss:
      "return an order to take all courses that respects their prerequisites, or nothing if impossible, using a topological sort",
  },
  {
    names: ["Satisfiability of Equality Equations"],
    gloss:
      "decide whether equations like a==b and b!=c over variables can all hold together, using union-find to group equal variables",
  },
  {
    names: ["Accounts Merge"],
    gloss:
      "merge user accounts that share any email address into one account per person, using union-find or a graph search over emails",
  },
  {
    names: ["Find Eventual Safe States"],
    gloss:
      "find graph nodes from which every path ends at a terminal node and never enters a cycle, using depth-first search colouring",
  },
  {
    names: ["Word Ladder"],
    gloss:
      "find the fewest one-letter changes that turn a start word into an end word through dictionary words, using breadth-first search",
  },
  {
    names: ["Word Ladder II"],
    gloss:
      "list all the shortest sequences of one-letter changes from a start word to an end word, using breadth-first search then backtracking",
  },
  // ---- 2-D dynamic programming
  {
    names: ["Unique Paths"],
    gloss:
      "count the ways a robot moving only right or down can go from the top-left to the bottom-right corner of a grid, with dynamic programming",
  },
  {
    names: ["Longest Common Subsequence", "LCS"],
    gloss:
      "find the length of the longest sequence of letters appearing in order in both strings, using a two-dimensional dynamic programming table",
  },
  {
    names: ["Best Time to Buy and Sell Stock with Cooldown", "Buy and Sell Stock with Cooldown"],
    gloss:
      "maximise stock trading profit over many trades when you must rest a day after each sale, with state-machine dynamic programming",
  },
  {
    names: ["Coin Change 2", "Coin Change II"],
    gloss:
      "count the number of coin combinations that make up an amount, with unlimited coins of each value, using dynamic programming",
  },
  {
    names: ["Target Sum"],
    gloss:
      "count the ways to put a plus or minus sign before each number so the total equals a target, using dynamic programming",
  },
  {
    names: ["Interleaving String"],
    gloss:
      "decide whether a third string is formed by interleaving the letters of two strings while keeping each one's order, with dynamic programming",
  },
  {
    names: ["Longest Increasing Path in a Matrix"],
    gloss:
      "find the longest strictly rising path through neighbouring cells of a number grid, using depth-first search with memoization",
  },
  {
    names: ["Distinct Subsequences"],
    gloss:
      "count how many ways one string appears as a subsequence of another, deleting letters without reordering, using dynamic programming",
  },
  {
    names: ["Edit Distance", "Levenshtein Distance", "Levenshtein"],
    gloss:
      "find the fewest single-letter insertions, deletions or substitutions to turn one word into another, via dynamic programming",
  },
  {
    names: ["Burst Balloons"],
    gloss:
      "collect the most coins from popping balloons, each worth its value times its neighbours, by interval dynamic programming on the last one popped",
  },
  {
    names: ["Regular Expression Matching", "Regex Matching"],
    gloss:
      "check whether a whole string matches a pattern where a dot is any letter and a star repeats, using dynamic programming",
  },
  {
    names: ["Unique Paths II"],
    gloss:
      "count the right-and-down routes across a grid from corner to corner while avoiding blocked obstacle cells, with dynamic programming",
  },
  {
    names: ["Minimum Path Sum"],
    gloss:
      "find the cheapest route from the top-left to the bottom-right of a number grid moving only right or down, with dynamic programming",
  },
  {
    names: ["Triangle"],
    gloss:
      "find the smallest total on a path from the top to the bottom of a number triangle, stepping to adjacent numbers below",
  },
  {
    names: ["Maximal Square"],
    gloss:
      "find the largest all-ones square in a binary grid, where each cell's square size depends on three neighbours, with dynamic programming",
  },
  // ---- bit manipulation
  {
    names: ["Single Number"],
    gloss:
      "find the one number that appears once while every other number appears twice, by XOR-ing all the values together",
  },
  {
    names: ["Number of 1 Bits", "Number of One Bits", "Hamming Weight"],
    gloss:
      "count the one bits in a number's binary form, its Hamming weight, by repeatedly clearing the lowest set bit",
  },
  {
    names: ["Counting Bits"],
    gloss:
      "for every number from zero to n, count the ones in its binary form, reusing earlier answers with dynamic programming",
  },
  {
    names: ["Reverse Bits"],
    gloss:
      "reverse the order of the thirty-two binary digits of an unsigned integer, shifting bits out and in one by one",
  },
  {
    names: ["Missing Number"],
    gloss: "find the one number missing from a list holding zero to n, using the sum formula or XOR",
  },
  {
    names: ["Sum of Two Integers"],
    gloss:
      "add two integers without the plus or minus operators, using bitwise XOR for the sum and shifted AND for the carry",
  },
  {
    names: ["Reverse Integer"],
    gloss: "reverse the digits of a thirty-two bit signed integer, returning zero if the result would overflow",
  },
  {
    names: ["Power of Two"],
    gloss: "decide whether a number is a power of two, such as 1, 2, 4 or 8, by checking that it has a single set bit",
  },
  {
    names: ["Power of Four"],
    gloss: "decide whether a number is a power of four, such as 1, 4, 16 or 64, with bit tricks or repeated division",
  },
  {
    names: ["Number of Steps to Reduce a Number to Zero"],
    gloss: "count the steps to reach zero when even numbers are halved and odd numbers are decreased by one",
  },
  {
    names: ["Hamming Distance"],
    gloss: "count the bit positions where two integers differ, by XOR-ing them and counting the one bits",
  },
  {
    names: ["Minimum Flips to Make a OR b Equal to c"],
    gloss: "find the fewest bit flips in a and b so that a bitwise OR b equals c, checking each bit position",
  },
  {
    names: ["Bitwise AND of Numbers Range"],
    gloss:
      "find the bitwise AND of every integer in a range, which keeps only the common leading binary prefix of its ends",
  },
  {
    names: ["Single Number II"],
    gloss:
      "find the one number appearing once when every other number appears three times, by counting each bit modulo three",
  },
  {
    names: ["Single Number III"],
    gloss:
      "find the two numbers that appear once while all others appear twice, splitting them by a differing bit of their XOR",
  },
  // ---- math and geometry
  {
    names: ["Happy Number"],
    gloss:
      "decide whether repeatedly summing the squares of a number's digits reaches one, detecting a loop with a set or fast and slow pointers",
  },
  {
    names: ["Plus One"],
    gloss: "add one to a large number stored as a list of digits, handling the carry, such as 999 becoming 1000",
  },
  {
    names: ["Factorial Trailing Zeroes", "Factorial Trailing Zeros"],
    gloss: "count the zeros at the end of n factorial, by counting the factors of five among the numbers up to n",
  },
  {
    names: ["Pow(x, n)"],
    gloss:
      "compute x raised to the power n, including negative exponents, quickly by repeated squaring, known as fast exponentiation",
  },
  {
    names: ["Max Points on a Line"],
    gloss:
      "find the largest number of points lying on one straight line, grouping the other points by slope from each point",
  },
  {
    names: ["Multiply Strings"],
    gloss:
      "multiply two big non-negative numbers given as digit strings without converting them to integers, like long multiplication by hand",
  },
  {
    names: ["Count Primes"],
    gloss: "count the prime numbers less than n, using the Sieve of Eratosthenes to cross out multiples",
  },
  {
    names: ["Rotate Image"],
    gloss:
      "rotate a square grid or picture by ninety degrees clockwise in place, by transposing and then reversing each row",
  },
  {
    names: ["Spiral Matrix"],
    gloss: "list all elements of a grid in spiral order, going around the outer layer clockwise and then moving inward",
  },
  {
    names: ["Set Matrix Zeroes", "Set Matrix Zeros"],
    gloss:
      "wherever a grid cell is zero, set its whole row and column to zero, using the first row and column as markers",
  },
  {
    names: ["Palindrome Number"],
    gloss: "decide whether an integer reads the same forwards and backwards, like 121, by reversing half of its digits",
  },
  {
    names: ["Integer to Roman"],
    gloss:
      "convert a whole number into Roman numerals such as IV and XII, greedily taking the largest symbol values first",
  },
  {
    names: ["Roman to Integer"],
    gloss:
      "convert Roman numerals such as XIV into a whole number, subtracting a symbol's value when a larger one follows it",
  },
  {
    names: ["Count Odd Numbers in an Interval Range"],
    gloss:
      "count the odd numbers between a low and a high value inclusive, with a constant-time formula instead of a loop",
  },
  // ---- 1-D dynamic programming
  {
    names: ["Climbing Stairs"],
    gloss:
      "count the ways to climb a staircase taking one or two steps at a time, which follows the Fibonacci numbers, with dynamic programming",
  },
  {
    names: ["Min Cost Climbing Stairs"],
    gloss:
      "find the cheapest way to climb to the top of a staircase where each step has a cost and you move one or two steps",
  },
  {
    names: ["House Robber"],
    gloss:
      "choose houses to rob for the most money without robbing two next-door neighbours, with dynamic programming along the street",
  },
  {
    names: ["House Robber II"],
    gloss:
      "rob houses arranged in a circle for the most money without robbing adjacent ones, solving the straight-street version twice",
  },
  {
    names: ["Longest Palindromic Substring"],
    gloss:
      "find the longest unbroken piece of a string that reads the same forwards and backwards, expanding around each centre",
  },
  {
    names: ["Palindromic Substrings"],
    gloss:
      "count all unbroken pieces of a string that read the same forwards and backwards, expanding around every centre",
  },
  {
    names: ["Decode Ways"],
    gloss:
      "count the ways a digit string can be decoded into letters where A is 1 and Z is 26, with dynamic programming",
  },
  {
    names: ["Coin Change"],
    gloss:
      "find the fewest coins that add up to an amount of money from given coin values, with dynamic programming or breadth-first search",
  },
  {
    names: ["Maximum Product Subarray"],
    gloss:
      "find the unbroken stretch of numbers with the largest product, tracking the running maximum and minimum because negatives flip signs",
  },
  {
    names: ["Longest Increasing Subsequence", "LIS"],
    gloss:
      "find the length of the longest strictly rising sequence of numbers taken in order from a list, by dynamic programming or patience sorting",
  },
  {
    names: ["Partition Equal Subset Sum", "Partition Equal Subset"],
    gloss:
      "decide whether a list of numbers can be split into two groups with equal sums, a knapsack subset-sum with dynamic programming",
  },
  // ---- graphs
  {
    names: ["Number of Islands"],
    gloss:
      "count the separate islands of land cells in a grid map of land and water, flooding each one with depth-first or breadth-first search",
  },
  {
    names: ["Max Area of Island"],
    gloss:
      "find the size of the biggest island of connected land cells in a grid map, using a depth-first search flood fill",
  },
  {
    names: ["Clone Graph"],
    gloss:
      "make a deep copy of a connected undirected graph, using a hash map from original nodes to their copies during traversal",
  },
  {
    names: ["Walls and Gates"],
    gloss:
      "fill each empty room of a grid with its distance to the nearest gate, using breadth-first search from all gates at once",
  },
  {
    names: ["Rotting Oranges", "Rotten Oranges"],
    gloss:
      "find how many minutes until all fresh oranges in a grid go rotten from rotten neighbours, using breadth-first search from all rotten ones",
  },
  {
    names: ["Pacific Atlantic Water Flow"],
    gloss:
      "find grid cells from which rainwater can flow to both the Pacific and Atlantic oceans, searching uphill from each ocean's edge",
  },
  {
    names: ["Surrounded Regions"],
    gloss:
      "capture regions of O cells completely surrounded by X cells on a board, keeping those connected to the border, using flood fill",
  },
  {
    names: ["Course Schedule"],
    gloss:
      "decide whether all courses can be finished given prerequisite pairs, by detecting a cycle with topological sort or depth-first search",
  },
  {
    names: ["Graph Valid Tree"],
    gloss:
      "decide whether undirected edges on n nodes form a tree, connected with no cycles, using union-find or depth-first search",
  },
  {
    names: ["Number of Connected Components in an Undirected Graph", "Number of Connected Components"],
    gloss:
      "count the separate connected groups of nodes in an undirected graph, using union-find or depth-first search",
  },
  {
    names: ["Redundant Connection"],
    gloss:
      "find the extra edge that creates a cycle in a graph that was a tree, using union-find to detect already joined endpoints",
  },
];
