-- The rooms bench's synthetic vocabulary and rooms, derived from numbers so that every wrk script can
-- rebuild them without a shared file.
-- 1,000 pronounceable six-letter words of three consonant-vowel syllables (all different: the first two
-- syllables already differ). Room i has a name of two words and its number, a description with a third
-- word, and a keyword whose value is the first word again; so each word names about 300 of 100,000 rooms,
-- and a prefix of 3 to 5 letters of a word matches a few hundred rooms.
local M = {}

local consonants = { "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z" }
local vowels = { "a", "e", "i", "o", "u" }
local syllables = {}
for _, c in ipairs(consonants) do
  for _, v in ipairs(vowels) do syllables[#syllables + 1] = c .. v end
end
local S = #syllables -- 70

M.count = 1000

-- Word k (0-based): syllables k mod 70, (13 q + 3 r) mod 70 with k = 70 q + r (distinct for distinct k), and
-- one more.
function M.word(k)
  local r, q = k % S, math.floor(k / S)
  return syllables[r + 1] .. syllables[(13 * q + 3 * r) % S + 1] .. syllables[(17 * k + 5) % S + 1]
end

local function cap(w) return string.upper(string.sub(w, 1, 1)) .. string.sub(w, 2) end

function M.room(i)
  local a = i % M.count
  local b = (7 * i + math.floor(i / M.count)) % M.count
  local c = (13 * i + 3 * math.floor(i / M.count) + 1) % M.count
  return {
    name = cap(M.word(a)) .. " " .. cap(M.word(b)) .. " " .. i,
    description = "All about " .. M.word(c),
    key = "topic",
    value = M.word(a),
  }
end

function M.seed(extra)
  local seed = os.time() + (extra or 0) * 7919 + math.floor((os.clock() * 1e6) % 1e6)
  math.randomseed(seed)
  for _ = 1, 10 do math.random() end
end

return M
