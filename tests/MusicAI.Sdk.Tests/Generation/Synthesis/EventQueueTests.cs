using MusicAI.Sdk.Generation.Synthesis;

namespace MusicAI.Sdk.Tests.Generation.Synthesis;

public sealed class EventQueueTests
{
    [Fact]
    public void Pop_ReturnsEventsByFrameThenSchedulingOrder()
    {
        var queue = new EventQueue(16);
        var random = new Random(3);
        var pushed = new List<(long Frame, int Order)>();
        for (var i = 0; i < 500; i++)
        {
            long frame = random.Next(0, 50);
            queue.Push(frame, SynthEventKind.NoteOn, 0, i, 0);
            pushed.Add((frame, i));
        }

        var expected = pushed.OrderBy(p => p.Frame).ThenBy(p => p.Order).ToList();
        Assert.True(queue.Capacity >= 500);
        foreach (var (frame, order) in expected)
        {
            Assert.Equal(frame, queue.NextFrame);
            var e = queue.Pop();
            Assert.Equal(frame, e.Frame);
            Assert.Equal(order, e.Pitch);
        }

        Assert.Equal(0, queue.Count);
        Assert.Equal(long.MaxValue, queue.NextFrame);
        Assert.Throws<InvalidOperationException>(() => queue.Pop());
    }
}
