using System.Collections.Frozen;

namespace AdOrleans.Gateway.Sentiment;

/// <summary>
/// Word valences on the AFINN scale (−5 very negative … +5 very positive), chosen for what people write about brands,
/// ads and products, with the modifiers VADER (Hutto &amp; Gilbert, 2014) found to matter: negations, boosters and
/// dampeners. Lower case; the scorer folds case and strips an apostrophe-s.
/// </summary>
public static class SentimentLexicon
{
    public static readonly FrozenDictionary<string, int> Valence = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        // Positive.
        ["amazing"] = 4, ["awesome"] = 4, ["beautiful"] = 3, ["best"] = 3, ["better"] = 2, ["brilliant"] = 4,
        ["cheap"] = 1, ["clean"] = 2, ["comfortable"] = 2, ["cool"] = 1, ["cute"] = 2, ["delicious"] = 3,
        ["delight"] = 3, ["delighted"] = 3, ["easy"] = 1, ["effective"] = 2, ["elegant"] = 2, ["enjoy"] = 2,
        ["enjoyed"] = 2, ["excellent"] = 3, ["excited"] = 3, ["exciting"] = 3, ["fabulous"] = 4, ["fair"] = 2,
        ["fantastic"] = 4, ["fast"] = 1, ["favorite"] = 2, ["favourite"] = 2, ["fine"] = 2, ["fun"] = 4,
        ["glad"] = 3, ["good"] = 3, ["gorgeous"] = 3, ["great"] = 3, ["happy"] = 3, ["helpful"] = 2,
        ["impressed"] = 3, ["impressive"] = 3, ["incredible"] = 4, ["like"] = 2, ["liked"] = 2, ["lovely"] = 3,
        ["love"] = 3, ["loved"] = 3, ["loves"] = 3, ["nice"] = 3, ["outstanding"] = 5, ["perfect"] = 3,
        ["pleased"] = 3, ["positive"] = 2, ["pretty"] = 1, ["quality"] = 2, ["recommend"] = 2, ["recommended"] = 2,
        ["reliable"] = 2, ["satisfied"] = 2, ["smooth"] = 2, ["stunning"] = 4, ["stylish"] = 2, ["super"] = 3,
        ["superb"] = 5, ["thank"] = 2, ["thanks"] = 2, ["useful"] = 2, ["valuable"] = 2, ["want"] = 1,
        ["win"] = 4, ["winner"] = 4, ["wonderful"] = 4, ["worth"] = 2, ["wow"] = 4, ["yay"] = 2,

        // Negative.
        ["angry"] = -3, ["annoyed"] = -2, ["annoying"] = -2, ["awful"] = -3, ["bad"] = -3, ["boring"] = -3,
        ["broke"] = -1, ["broken"] = -1, ["bug"] = -2, ["cheated"] = -3, ["complain"] = -2, ["confusing"] = -2,
        ["crap"] = -3, ["damaged"] = -3, ["disappointed"] = -2, ["disappointing"] = -2, ["disgusting"] = -3,
        ["dislike"] = -2, ["dirty"] = -2, ["expensive"] = -2, ["fail"] = -2, ["failed"] = -2, ["fake"] = -3,
        ["fraud"] = -4, ["frustrated"] = -2, ["frustrating"] = -2, ["garbage"] = -3, ["hate"] = -3,
        ["hated"] = -3, ["hates"] = -3, ["horrible"] = -3, ["junk"] = -3, ["lame"] = -2, ["late"] = -1,
        ["mess"] = -2, ["misleading"] = -3, ["nasty"] = -3, ["negative"] = -2, ["overpriced"] = -3, ["pathetic"] = -2,
        ["poor"] = -2, ["problem"] = -2, ["refund"] = -2, ["ridiculous"] = -3, ["rude"] = -2, ["sad"] = -2,
        ["scam"] = -4, ["shame"] = -2, ["slow"] = -2, ["spam"] = -2, ["stupid"] = -2, ["terrible"] = -3,
        ["trash"] = -3, ["ugly"] = -3, ["unhappy"] = -2, ["useless"] = -2, ["waste"] = -1, ["worse"] = -3,
        ["worst"] = -3, ["wrong"] = -2,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Within three words before a valenced word, these flip its sign (and damp it).</summary>
    public static readonly FrozenSet<string> Negations = new[]
    {
        "not", "no", "never", "nothing", "nobody", "neither", "nor", "without", "cannot", "cant", "dont", "doesnt",
        "didnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt", "shouldnt", "couldnt", "hardly", "aint",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Right before a valenced word, these raise (positive) or lower (negative) its strength.</summary>
    public static readonly FrozenDictionary<string, double> Modifiers = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["absolutely"] = 0.293, ["completely"] = 0.293, ["extremely"] = 0.293, ["incredibly"] = 0.293, ["really"] = 0.293,
        ["so"] = 0.293, ["totally"] = 0.293, ["very"] = 0.293, ["most"] = 0.293, ["truly"] = 0.293,
        ["barely"] = -0.293, ["kinda"] = -0.293, ["slightly"] = -0.293, ["somewhat"] = -0.293, ["little"] = -0.293,
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
