// The Vietnamese vowel letters as base + vowel modifier + tone, the one table that name folding
// and the legacy encoding converter (TCVN3, VNI, CP1258) both read. Standard library only.
#pragma once
#include <cstdint>

namespace gapmap {

// A Vietnamese letter is a base plus at most one vowel modifier and one tone.
enum VowelModifier : uint8_t { kNoModifier, kBreve, kCircumflex, kHorn, kStroke, kForeign };
enum Tone : uint8_t { kLevel, kGrave, kAcute, kHook, kTilde, kDotBelow };
constexpr int kToneCount = 6;

// The Vietnamese vowels in tone order (level, grave, acute, hook, tilde, dot below), one family
// per base + modifier, lower and upper case. With đ/Đ these are the 134 precomposed letters.
struct VowelFamily {
    char base;
    VowelModifier modifier;
    const char* lower;
    const char* upper;
};
constexpr VowelFamily kVowels[] = {
    {'a', kNoModifier, "aàáảãạ", "AÀÁẢÃẠ"}, {'a', kBreve, "ăằắẳẵặ", "ĂẰẮẲẴẶ"},
    {'a', kCircumflex, "âầấẩẫậ", "ÂẦẤẨẪẬ"}, {'e', kNoModifier, "eèéẻẽẹ", "EÈÉẺẼẸ"},
    {'e', kCircumflex, "êềếểễệ", "ÊỀẾỂỄỆ"}, {'i', kNoModifier, "iìíỉĩị", "IÌÍỈĨỊ"},
    {'o', kNoModifier, "oòóỏõọ", "OÒÓỎÕỌ"}, {'o', kCircumflex, "ôồốổỗộ", "ÔỒỐỔỖỘ"},
    {'o', kHorn, "ơờớởỡợ", "ƠỜỚỞỠỢ"},       {'u', kNoModifier, "uùúủũụ", "UÙÚỦŨỤ"},
    {'u', kHorn, "ưừứửữự", "ƯỪỨỬỮỰ"},       {'y', kNoModifier, "yỳýỷỹỵ", "YỲÝỶỸỴ"},
};
constexpr int kVowelFamilyCount = sizeof(kVowels) / sizeof(kVowels[0]);

// Combining tone marks, indexed by Tone (kLevel has none).
constexpr char32_t kToneMarks[kToneCount] = {0, 0x300, 0x301, 0x309, 0x303, 0x323};

}  // namespace gapmap
